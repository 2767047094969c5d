import { normalizeFrench } from './normalize-french';

export interface KeywordTarget {
  id: string;
  name: string;
  keywords: string[];
}

export interface KeywordMatch {
  serviceId: string;
  keyword: string;
  explanation: string;
}

/**
 * The first service (in the given order) one of whose keywords appears in the text as whole words,
 * ignoring case, accents and elisions; a keyword ending in `*` matches any word starting with it.
 */
export function routeByKeywords(text: string, targets: KeywordTarget[]): KeywordMatch | null {
  const haystack = ` ${normalizeFrench(text)} `;
  for (const target of targets) {
    for (const keyword of target.keywords) {
      const prefix = keyword.endsWith('*');
      const needle = normalizeFrench(prefix ? keyword.slice(0, -1) : keyword);
      if (!needle) continue;
      const found = prefix ? haystack.includes(` ${needle}`) : haystack.includes(` ${needle} `);
      if (found) {
        return { serviceId: target.id, keyword, explanation: `mot-clé « ${keyword} » → ${target.name}` };
      }
    }
  }
  return null;
}
