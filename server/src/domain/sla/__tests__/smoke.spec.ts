import fc from 'fast-check';
import { ROLES } from '@guichet/shared';

describe('jest setup', () => {
  it('runs TypeScript in ESM mode with fast-check and the shared package', () => {
    fc.assert(fc.property(fc.integer(), (n) => n + 0 === n));
    expect(ROLES).toContain('agent');
  });
});
