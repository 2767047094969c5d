import { detectLanguage } from '../language.js';
import { demoCorpusSplits } from '../../classifier/__tests__/demo-corpus.js';

describe('detectLanguage', () => {
  it('recognises French, English and other languages', () => {
    expect(detectLanguage("Bonjour, l'éclairage de la rue est en panne depuis hier")).toBe('fr');
    expect(detectLanguage('Hello, the street light in front of my house is broken, could you fix it?')).toBe(
      'en',
    );
    expect(detectLanguage('Hola, la calle está sucia y los contenedores están llenos')).toBe('other');
    expect(detectLanguage('Guten Tag, die Straße ist kaputt und das Licht geht nicht')).toBe('other');
  });

  it('calls a short text French when it has French accents, else other', () => {
    expect(detectLanguage('Lampadaire cassé')).toBe('fr');
    expect(detectLanguage('ok 👍')).toBe('other');
  });

  it('finds every message of the French demo corpus French', () => {
    const { train, test } = demoCorpusSplits();
    const notFrench = [...train, ...test].filter((m) => detectLanguage(m.text) !== 'fr');
    expect(notFrench).toEqual([]);
  });
});
