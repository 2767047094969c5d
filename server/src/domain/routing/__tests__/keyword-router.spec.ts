import { normalizeFrench } from '../normalize-french';
import { routeByKeywords } from '../keyword-router';

const services = [
  { id: 'voirie', name: 'Voirie', keywords: ['nid de poule', 'éclairage', 'lampadaire*', 'trottoir'] },
  { id: 'proprete', name: 'Propreté', keywords: ['poubelle*', 'ordures', 'dépôt sauvage'] },
];

describe('normalizeFrench', () => {
  it('folds case, accents, elisions and punctuation', () => {
    expect(normalizeFrench("L'ÉCLAIRAGE de l’avenue d'Italie, qu'il dit !")).toBe(
      'eclairage de avenue italie il dit',
    );
  });
});

describe('routeByKeywords', () => {
  it('matches a phrase regardless of case, accents and punctuation', () => {
    expect(routeByKeywords('Encore un NID-DE-POULE rue Jaurès', services)?.serviceId).toBe('voirie');
  });

  it('matches a keyword after an elision', () => {
    const m = routeByKeywords("L'eclairage ne marche plus", services);
    expect(m?.serviceId).toBe('voirie');
    expect(m?.explanation).toBe('mot-clé « éclairage » → Voirie');
  });

  it('matches prefixes only when the keyword ends with *', () => {
    expect(routeByKeywords('les poubelles débordent', services)?.serviceId).toBe('proprete');
    expect(routeByKeywords('trottoirs glissants', services)).toBeNull();
  });

  it('does not match inside another word', () => {
    expect(routeByKeywords('des bordures rue Victor Hugo', services)).toBeNull();
  });

  it('takes the first service in order when several match', () => {
    expect(routeByKeywords('poubelle renversée sur le trottoir', services)?.serviceId).toBe('voirie');
  });
});
