import fc from 'fast-check';
import {
  fillTemplate,
  matchesTemplate,
  parseTemplate,
  unfilledPlaceholders,
  type TemplatePart,
} from '@guichet/shared';

const parts = (template: string): TemplatePart[] => {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.parts;
};

describe('answer templates', () => {
  it('parses placeholders once each, in order', () => {
    expect(parseTemplate('Bonjour {prenom}, rendez-vous le {date_rdv} ({prenom}).')).toMatchObject({
      ok: true,
      placeholders: ['prenom', 'date_rdv'],
    });
    expect(parseTemplate('Sans champ.')).toMatchObject({ ok: true, placeholders: [] });
  });

  it.each([
    ['Bonjour {prenom', 8, /non fermée/],
    ['Bonjour prenom}', 14, /sans « \{ »/],
    ['Bonjour {Prenom}', 8, /n’est pas un champ valide/],
    ['Bonjour {prénom}', 8, /n’est pas un champ valide/],
    ['Le {date rdv}', 3, /n’est pas un champ valide/],
    ['Le {}', 3, /n’est pas un champ valide/],
    ['Le {_x}', 3, /n’est pas un champ valide/],
    ['Le {{x}}', 3, /non fermée/],
    ['{a{b}}', 0, /non fermée/],
  ])('refuses %j at character %i', (template, index, message) => {
    const parsed = parseTemplate(template);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.index).toBe(index);
      expect(parsed.error).toMatch(message);
    }
  });

  it('fills known values and leaves the others written as placeholders', () => {
    const p = parts('Bonjour {prenom}, le {date_rdv} à {heure}.');
    expect(fillTemplate(p, { prenom: 'Marie', heure: '  ' })).toBe('Bonjour Marie, le {date_rdv} à {heure}.');
    expect(
      unfilledPlaceholders(['prenom', 'date_rdv', 'heure'], 'Bonjour Marie, le {date_rdv} à {heure}.'),
    ).toEqual(['date_rdv', 'heure']);
  });

  it('tells a text with only its placeholders filled from an edited one', () => {
    const p = parts('Bonjour {prenom}, votre bac sera vidé le {date}.\nMerci de le sortir la veille.');
    expect(
      matchesTemplate(p, 'Bonjour Marie, votre bac sera vidé le 12 mai.\nMerci de le sortir la veille.'),
    ).toBe(true);
    expect(
      matchesTemplate(
        p,
        '  Bonjour Marie, votre bac sera vidé le 12 mai.\r\nMerci de le sortir la veille.\n',
      ),
    ).toBe(true);
    // A value may itself contain the next literal text.
    expect(
      matchesTemplate(
        p,
        'Bonjour Marie, votre bac, votre bac sera vidé le 12 mai.\nMerci de le sortir la veille.',
      ),
    ).toBe(true);
    expect(
      matchesTemplate(p, 'Bonjour Marie, votre bac gris sera vidé le 12 mai.\nMerci de le sortir la veille.'),
    ).toBe(false);
    expect(
      matchesTemplate(
        p,
        'Bonjour Marie, votre bac sera vidé le 12 mai.\nMerci de le sortir la veille au soir.',
      ),
    ).toBe(false);
    // Empty values and values spanning a line break are edits.
    expect(
      matchesTemplate(p, 'Bonjour , votre bac sera vidé le 12 mai.\nMerci de le sortir la veille.'),
    ).toBe(false);
    expect(
      matchesTemplate(
        p,
        'Bonjour Marie,\nun paragraphe de plus, votre bac sera vidé le 12 mai.\nMerci de le sortir la veille.',
      ),
    ).toBe(false);
    expect(matchesTemplate(parts('Texte seul.'), 'Texte seul.')).toBe(true);
    expect(matchesTemplate(parts('Texte seul.'), 'Texte seul !')).toBe(false);
    expect(matchesTemplate(parts('{a}{b}'), 'xy')).toBe(true);
    expect(matchesTemplate(parts('{a}{b}'), 'x')).toBe(false);
  });

  it('recognises any template filled with one-line values as unedited', () => {
    const value = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((v) => !/[\n\r{}]/.test(v) && v.trim() === v && v !== '');
    const literal = fc.string({ maxLength: 12 }).filter((v) => !/[{}]/.test(v));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(literal, value), { minLength: 1, maxLength: 5 }),
        literal,
        (pairs, tail) => {
          const template =
            pairs.map(([text], i) => `${text}{p_${String.fromCharCode(97 + i)}}`).join('') + tail;
          const values = Object.fromEntries(pairs.map(([, v], i) => [`p_${String.fromCharCode(97 + i)}`, v]));
          const p = parts(template);
          return matchesTemplate(p, fillTemplate(p, values));
        },
      ),
    );
  });
});
