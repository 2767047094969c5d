import { foldAccents, frenchTerms, frenchWords, NUMBER_TOKEN, stemFrench } from '../french-text.js';

describe('French text for the classifier', () => {
  it('splits elisions off with straight and curly apostrophes, keeping accents for the stemmer', () => {
    expect(frenchWords("L'Éclairage d’Italie qu'il voit")).toEqual([
      'l',
      'éclairage',
      'd',
      'italie',
      'qu',
      'il',
      'voit',
    ]);
  });

  it('folds accents and ligatures', () => {
    expect(foldAccents('Élagage à Noël, cœur')).toBe('elagage a noel, coeur');
  });

  it('stems inflected forms to one folded Snowball stem', () => {
    expect(stemFrench('lampadaires')).toBe(stemFrench('lampadaire'));
    expect(stemFrench('cassée')).toBe(stemFrench('cassés'));
    expect(stemFrench('réservation')).toBe('reserv');
    expect(stemFrench('réservé')).toBe('reserv');
    expect(stemFrench('éclairage')).toBe('eclairag');
  });

  it('drops stop words and elided articles, and turns numbers into one token', () => {
    expect(frenchTerms("L'éclairage de la rue Jaurès ne marche plus depuis 3 jours !")).toEqual([
      'eclairag',
      'ru',
      'jaures',
      'march',
      'plus',
      'depuis',
      NUMBER_TOKEN,
      'jour',
    ]);
  });

  it('gives the same terms whatever the case, accents or apostrophe', () => {
    expect(frenchTerms("L'ÉCLAIRAGE PUBLIC")).toEqual(frenchTerms('l’eclairage public'));
  });

  it('ignores emoji and punctuation', () => {
    expect(frenchTerms('Poubelles 🗑️ !!! pleines...')).toEqual(frenchTerms('poubelles pleines'));
  });
});
