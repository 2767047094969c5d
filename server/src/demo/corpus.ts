import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusMessage {
  id: string;
  service: string;
  channel: string;
  author: string;
  text: string;
  urgent: boolean;
  split: 'train' | 'test';
}

/** The labelled citizen messages written for the demo town (server/src/demo/corpus). */
export function loadCorpus(serverRoot: string): CorpusMessage[] {
  const file = join(serverRoot, 'src/demo/corpus/citizen-messages.fr.json');
  return JSON.parse(readFileSync(file, 'utf8')) as CorpusMessage[];
}
