import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCorpus } from '../../../demo/corpus.js';
import type { TrainingExample } from '../classifier.js';

/** The demo corpus's two splits as training examples (service slugs as labels). */
export function demoCorpusSplits(): { train: TrainingExample[]; test: TrainingExample[] } {
  // Jest runs as ESM here (no __dirname): resolve from the server workspace, wherever jest was started.
  const serverDir = existsSync(resolve(process.cwd(), 'src/demo'))
    ? process.cwd()
    : resolve(process.cwd(), 'server');
  const corpus = loadCorpus(serverDir);
  const examples = (split: 'train' | 'test'): TrainingExample[] =>
    corpus.filter((m) => m.split === split).map((m) => ({ text: m.text, serviceId: m.service }));
  return { train: examples('train'), test: examples('test') };
}
