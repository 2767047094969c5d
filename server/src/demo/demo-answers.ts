import type { AnswerSuitability } from '@guichet/shared';

/**
 * The demo town's validated answers, as a service would have written them over a few months.
 * `versions` are the successive texts, oldest first; `pending` is a proposed text not yet validated
 * (on a validated answer: its next version; with no validated version: a draft).
 */
export interface DemoAnswer {
  service: string;
  title: string;
  tags: string[];
  suitableFor: AnswerSuitability;
  versions: string[];
  pending?: string;
  archived?: boolean;
  usage: number;
}

export const DEMO_ANSWERS: DemoAnswer[] = [
  // Voirie
  {
    service: 'voirie',
    title: 'Éclairage public en panne',
    tags: ['éclairage', 'lampadaire'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, merci pour votre signalement. Le lampadaire en panne a été signalé à notre prestataire d’éclairage public.',
      'Bonjour {prenom}, merci pour votre signalement. La panne d’éclairage au {adresse} est transmise à notre prestataire, qui intervient en général sous 5 jours ouvrés. Référence de votre demande : {numero_ticket}.',
    ],
    usage: 23,
  },
  {
    service: 'voirie',
    title: 'Nid de poule sur la chaussée',
    tags: ['chaussée', 'nid de poule', 'sécurité'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, merci de nous avoir prévenus. Une équipe de la voirie va sécuriser le nid de poule au {adresse} puis le reboucher. En attendant, merci de redoubler de prudence à cet endroit.',
    ],
    usage: 31,
  },
  {
    service: 'voirie',
    title: 'Travaux et fermeture de rue',
    tags: ['travaux', 'circulation', 'déviation'],
    suitableFor: 'public',
    versions: [
      'Bonjour {prenom}, les travaux rue {adresse} durent jusqu’au {date_fin}. La rue reste ouverte aux riverains et aux livraisons ; une déviation est fléchée pour les autres véhicules.',
    ],
    usage: 9,
  },
  {
    service: 'voirie',
    title: 'Demande de ralentisseur ou de passage piéton',
    tags: ['sécurité', 'ralentisseur', 'passage piéton'],
    suitableFor: 'both',
    versions: [],
    pending:
      'Bonjour {prenom}, merci pour votre proposition. Les demandes d’aménagement de sécurité sont étudiées chaque trimestre par la commission voirie, après un comptage de la circulation. Nous vous tiendrons informé(e) de la décision.',
    usage: 0,
  },
  // Propreté
  {
    service: 'proprete',
    title: 'Bac non collecté',
    tags: ['collecte', 'poubelle', 'bac'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, nous sommes désolés pour ce désagrément. Votre bac n’a pas été collecté : nous avons prévenu le prestataire de collecte.',
      'Bonjour {prenom}, nous sommes désolés pour ce désagrément. Nous avons signalé l’oubli de collecte au {adresse} au prestataire, qui repassera le {date_passage}. Pensez à sortir votre bac la veille au soir, poignée côté rue.',
      'Bonjour {prenom}, nous sommes désolés pour ce désagrément. Nous avons signalé l’oubli de collecte au {adresse} au prestataire, qui repassera le {date_passage}. Pensez à sortir votre bac la veille au soir, poignée côté rue, couvercle fermé.',
    ],
    usage: 47,
  },
  {
    service: 'proprete',
    title: 'Dépôt sauvage signalé',
    tags: ['dépôt sauvage', 'encombrants', 'déchets'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, merci pour votre vigilance. Une équipe de la propreté urbaine va enlever le dépôt au {adresse}. Pour vos propres encombrants, la collecte gratuite se réserve au 03 00 00 00 10.',
    ],
    pending:
      'Bonjour {prenom}, merci pour votre vigilance. Une équipe de la propreté urbaine enlèvera le dépôt au {adresse} sous 48 heures. Un dépôt sauvage est passible d’une amende : si vous avez vu l’auteur, vous pouvez le signaler en message privé. Pour vos propres encombrants, la collecte gratuite se réserve au 03 00 00 00 10.',
    usage: 18,
  },
  {
    service: 'proprete',
    title: 'Obtenir ou remplacer un bac de tri',
    tags: ['bac', 'tri sélectif', 'poubelle'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, pour obtenir un bac de tri ou remplacer un bac abîmé, il suffit de remplir le formulaire « Bacs » sur le site de la ville, ou de passer à l’accueil de la mairie avec un justificatif de domicile. La livraison est gratuite, sous 10 jours.',
    ],
    usage: 12,
  },
  {
    service: 'proprete',
    title: 'Tags et graffitis',
    tags: ['tags', 'graffiti'],
    suitableFor: 'public',
    versions: [
      'Bonjour {prenom}, merci pour le signalement. Les graffitis sur les bâtiments publics sont effacés sous une semaine ; sur une façade privée, le propriétaire peut demander une intervention gratuite auprès du service Propreté.',
    ],
    archived: true,
    usage: 4,
  },
  // Espaces verts
  {
    service: 'espaces-verts',
    title: 'Arbre tombé ou dangereux',
    tags: ['arbre', 'sécurité', 'élagage'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, merci de nous avoir prévenus. Nos jardiniers vont sécuriser la zone au {adresse} aujourd’hui et évacuer l’arbre dès que possible. Merci de ne pas vous en approcher d’ici là.',
    ],
    usage: 8,
  },
  {
    service: 'espaces-verts',
    title: 'Tonte et entretien des parcs',
    tags: ['tonte', 'parc', 'pelouse'],
    suitableFor: 'public',
    versions: [
      'Bonjour {prenom}, la tonte des parcs et squares suit un planning par quartier ; certaines zones sont laissées en fauche tardive pour favoriser la biodiversité. Le prochain passage au {adresse} est prévu le {date_passage}.',
    ],
    usage: 6,
  },
  {
    service: 'espaces-verts',
    title: 'Élagage demandé par un riverain',
    tags: ['élagage', 'arbre', 'haie'],
    suitableFor: 'both',
    versions: [],
    pending:
      'Bonjour {prenom}, les arbres communaux sont élagués entre novembre et mars, hors période de nidification. Votre demande pour le {adresse} est inscrite au prochain programme d’élagage.',
    usage: 0,
  },
  // État civil
  {
    service: 'etat-civil',
    title: 'Prendre rendez-vous pour une carte d’identité ou un passeport',
    tags: ['passeport', 'carte d’identité', 'rendez-vous'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, les demandes de carte d’identité et de passeport se font uniquement sur rendez-vous, sur le site de la ville ou au 03 00 00 00 00. Pensez à remplir la pré-demande en ligne sur le site de l’ANTS avant votre venue.',
      'Bonjour {prenom}, les demandes de carte d’identité et de passeport se font uniquement sur rendez-vous, sur le site de la ville ou au 03 00 00 00 00. De nouveaux créneaux sont ouverts chaque lundi matin. Pensez à remplir la pré-demande en ligne sur le site de l’ANTS avant votre venue. En cas d’urgence (voyage imminent, motif médical), écrivez-nous en message privé.',
    ],
    usage: 64,
  },
  {
    service: 'etat-civil',
    title: 'Confirmation de rendez-vous en mairie',
    tags: ['rendez-vous'],
    suitableFor: 'private',
    versions: [
      'Bonjour {prenom}, votre rendez-vous est confirmé le {date_rdv} à {heure_rdv} à l’accueil de l’état civil (rez-de-chaussée de la mairie). Apportez les pièces indiquées sur votre récapitulatif ANTS. Référence : {numero_ticket}.',
    ],
    usage: 27,
  },
  {
    service: 'etat-civil',
    title: 'Suivi d’une demande d’acte de naissance',
    tags: ['acte de naissance', 'acte'],
    suitableFor: 'private',
    versions: [
      'Bonjour {prenom}, nous avons bien retrouvé votre demande d’acte de naissance. Elle a été traitée et l’acte vous a été envoyé par courrier le {date_envoi}. S’il ne vous parvient pas d’ici une semaine, répondez-nous ici.',
    ],
    usage: 15,
  },
  {
    service: 'etat-civil',
    title: 'Procuration de vote',
    tags: ['élections', 'procuration'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, la procuration se fait en ligne sur maprocuration.gouv.fr, puis se valide en personne au commissariat, à la gendarmerie ou au tribunal. La mairie ne peut pas l’enregistrer.',
    ],
    usage: 11,
  },
  // Accueil
  {
    service: 'accueil',
    title: 'Horaires d’ouverture de la mairie',
    tags: ['horaires', 'mairie'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, la mairie est ouverte du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h 30, et le samedi de 9 h à 12 h. Le standard répond au 03 00 00 00 00.',
      'Bonjour {prenom}, la mairie est ouverte du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h 30, et le samedi de 9 h à 12 h (sauf en juillet et août). Le standard répond au 03 00 00 00 00.',
    ],
    usage: 38,
  },
  {
    service: 'accueil',
    title: 'Message transmis au service concerné',
    tags: ['transfert'],
    suitableFor: 'both',
    versions: [
      'Bonjour {prenom}, merci pour votre message. Nous l’avons transmis au service {service}, qui vous répondra directement. Votre demande porte la référence {numero_ticket}.',
    ],
    usage: 52,
  },
  {
    service: 'accueil',
    title: 'Demande de coordonnées pour un suivi',
    tags: ['coordonnées', 'suivi'],
    suitableFor: 'public',
    versions: [
      'Bonjour {prenom}, pour que nous puissions suivre votre demande sans publier d’informations personnelles, pouvez-vous nous écrire en message privé avec votre adresse et un numéro de téléphone ?',
    ],
    usage: 21,
  },
];
