import type { AssignmentMode, Role, RoutingRuleRequest } from '@guichet/shared';

/** The fictional town the demo and the README describe. */
export const DEMO_TOWN = 'Valbrune';
export const DEMO_PASSWORD = 'guichet-demo-2026';
export const DEMO_PAGE = {
  id: '104857362948571',
  name: 'Ville de Valbrune',
  accessToken: 'demo-page-access-token',
};

/** The town's Instagram account (comments and DMs arrive by webhook, like the Page's). */
export const DEMO_INSTAGRAM = {
  id: '17841405822304914',
  username: 'villedevalbrune',
  accessToken: 'demo-instagram-access-token',
};

/** The town's Mastodon account, on the fake instance the demo runs. */
export const DEMO_MASTODON = {
  id: '109876543210987654',
  username: 'valbrune',
  domain: 'social.valbrune.example',
  accessToken: 'demo-mastodon-access-token',
};

/** The town's X account. */
export const DEMO_X = {
  id: '1300000000000000007',
  username: 'VilleValbrune',
  bearerToken: 'demo-x-app-bearer',
  userAccessToken: 'demo-x-user-token',
};

export interface DemoService {
  slug: string;
  name: string;
  description: string;
  isTriage?: boolean;
  /** Open311 keywords (routing is by rules and the classifier). */
  keywords: string[];
  assignmentMode?: AssignmentMode;
  maxOpenPerAgent?: number;
}

export const DEMO_SERVICES: DemoService[] = [
  {
    slug: 'voirie',
    name: 'Voirie',
    description: 'Routes, trottoirs, éclairage public, signalisation',
    assignmentMode: 'round_robin',
    maxOpenPerAgent: 12,
    keywords: [
      'nid de poule',
      'nids de poule',
      'chaussee',
      'trottoir*',
      'lampadaire*',
      'eclairage',
      'feu rouge',
      'feux tricolores',
      'route',
      'voirie',
      'panneau*',
      'goudron',
      'bitume',
      'ralentisseur*',
      'avaloir*',
      'verglas',
      'deneigement',
      'bouche d egout',
      'plaque d egout',
      'marquage*',
    ],
  },
  {
    slug: 'proprete',
    name: 'Propreté',
    description: 'Collecte des déchets, dépôts sauvages, nettoyage des rues',
    keywords: [
      'poubelle*',
      'ordures',
      'encombrant*',
      'depot sauvage',
      'depots sauvages',
      'dechet*',
      'tri selectif',
      'bac jaune',
      'bacs',
      'crotte*',
      'dejection*',
      'tag',
      'tags',
      'graffiti*',
      'proprete',
      'collecte',
      'ramassage',
      'benne*',
      'conteneur*',
      'sale',
      'salete',
    ],
  },
  {
    slug: 'espaces-verts',
    name: 'Espaces verts',
    description: 'Parcs, arbres, haies, tonte, jardins publics',
    keywords: [
      'arbre*',
      'elagage',
      'elaguer',
      'branche*',
      'haie*',
      'tonte',
      'pelouse',
      'parc',
      'square',
      'massif*',
      'feuilles mortes',
      'espaces verts',
      'aire de jeux',
      'jardin public',
      'platane*',
      'fleurissement',
    ],
  },
  {
    slug: 'etat-civil',
    name: 'État civil',
    description: 'Actes, titres d’identité, élections, recensement citoyen',
    keywords: [
      'acte de naissance',
      'acte de mariage',
      'acte de deces',
      'carte d identite',
      'cni',
      'passeport*',
      'pacs',
      'livret de famille',
      'etat civil',
      'listes electorales',
      'liste electorale',
      'recensement',
      'mariage',
      'naissance',
      'deces',
      'titre d identite',
    ],
  },
  {
    slug: 'accueil',
    name: 'Accueil',
    description: 'Tri des demandes et renseignements généraux',
    isTriage: true,
    keywords: [],
  },
];

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  services: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@valbrune.example', displayName: 'Claire Moreau', role: 'admin', services: [] },
  {
    email: 'chef.voirie@valbrune.example',
    displayName: 'Thierry Lambert',
    role: 'service_head',
    services: ['voirie', 'proprete'],
  },
  {
    email: 'agent.technique@valbrune.example',
    displayName: 'Julie Martin',
    role: 'agent',
    services: ['voirie', 'proprete', 'espaces-verts'],
  },
  {
    email: 'agent.accueil@valbrune.example',
    displayName: 'Nadia Benali',
    role: 'agent',
    services: ['accueil', 'etat-civil'],
  },
  { email: 'elu@valbrune.example', displayName: 'Bernard Roussel', role: 'elected', services: [] },
];

/**
 * The demo town's routing rules, in order; `serviceSlug` becomes the rule's service. What no rule
 * sends to a service goes to the classifier, trained at seed time on the corpus's training split.
 */
export const DEMO_RULES: Array<
  Omit<RoutingRuleRequest, 'actions'> & {
    actions: Omit<RoutingRuleRequest['actions'], 'serviceId'> & { serviceSlug?: string };
  }
> = [
  {
    name: 'Danger immédiat',
    continue: true,
    conditions: {
      keywords: ['danger', 'dangereux', 'fuite de gaz', 'effondr*', 'blessé*', 'incendie', 'inondation'],
    },
    actions: { priority: 'urgent', tags: ['urgence'] },
  },
  {
    name: 'Presse et élus',
    continue: true,
    conditions: { contactTags: ['presse', 'élu'] },
    actions: { tags: ['sensible'], sensitive: true },
  },
  {
    name: "Hors des heures d'ouverture",
    continue: true,
    conditions: { staffedHours: 'outside' },
    actions: { tags: ['hors-horaires'] },
  },
  {
    name: 'Nids de poule',
    conditions: { keywords: ['nid de poule', 'nids de poule', 'nid-de-poule'] },
    actions: { serviceSlug: 'voirie', priority: 'high' },
  },
];
