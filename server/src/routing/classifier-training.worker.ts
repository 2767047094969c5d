import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { ClassifierService } from './classifier.service';

/** How often the worker checks whether a training is due (the schedule itself is CLASSIFIER_RETRAIN_HOURS). */
const CHECK_MS = 5 * 60_000;

/**
 * Trains the classifier at start when none is stored, then whenever the last training is older than
 * CLASSIFIER_RETRAIN_HOURS. The stored training time is the schedule, and an advisory lock lets one
 * instance train at a time, so several instances and restarts neither skip nor repeat a training.
 */
@Injectable()
export class ClassifierTrainingWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;
  private started = false;

  constructor(private readonly classifier: ClassifierService) {
    this.periodic = new PeriodicTask('ClassifierTraining', CHECK_MS, () => this.check());
  }

  onApplicationBootstrap(): void {
    this.periodic.start({ immediately: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  private check(): Promise<boolean> {
    const trigger = this.started ? 'schedule' : 'startup';
    this.started = true;
    return this.classifier.trainIfDue(trigger);
  }
}
