/**
 * Lay words: everyday names for occupations that O*NET's titles do not use, each mapped to the
 * words O*NET does use ("cop" → "police officer", "shrink" → "psychiatrist" or "psychologist").
 * Applied at query time: a query containing a lay word is also searched with the word replaced,
 * and the best answer of either wins (docs/ranking.md, "Lay words"). The list is deliberately
 * small and curated; why each group is here is written down in docs/lay-words.md. Hosts add or
 * override entries through `createEngine(snapshot, { layWords })` / `openEngine({ layWords })`.
 *
 * An entry is only needed when O*NET's alternate and reported titles do not already carry the
 * word (they carry "Lawyer", "Nanny", "RN", "Chef", …): those are found without any entry.
 */
import { OnetError } from '../../errors.js';
import { searchTerms, STOP_WORDS } from './words.js';

/** Folded words of a phrase without stop words (queries leave them out too). */
const terms = (phrase: string) => searchTerms(phrase).filter((w) => !STOP_WORDS.has(w));

/** Version of the built-in list; `/info` reports it. Bump it when entries change. */
export const LAY_WORDS_VERSION = '2026-12-01';

/** A lay phrase and what to search for instead: one O*NET phrase or several alternatives. */
export type LayWords = Readonly<Record<string, string | readonly string[]>>;

/** The built-in list (keys and values are matched case-, accent- and plural-insensitively). */
export const BUILT_IN_LAY_WORDS: LayWords = {
  // Slang and informal names.
  cop: 'police officer',
  copper: 'police officer',
  shrink: ['psychiatrist', 'psychologist'],
  doc: 'physician',
  vet: 'veterinarian',
  physio: 'physical therapist',
  techie: 'computer support specialist',
  coder: ['programmer', 'software developer'],
  'bean counter': 'accountant',
  barkeep: 'bartender',
  grunt: 'infantry',
  stockbroker: 'securities sales agent',
  farmhand: 'farmworker',
  'farm hand': 'farmworker',
  'train driver': 'locomotive engineer',
  'call center agent': 'customer service representative',
  'call centre agent': 'customer service representative',
  // Gendered or dated forms of titles O*NET words neutrally.
  policeman: 'police officer',
  policewoman: 'police officer',
  fireman: 'firefighter',
  firewoman: 'firefighter',
  mailman: 'mail carrier',
  mailwoman: 'mail carrier',
  postman: 'mail carrier',
  postwoman: 'mail carrier',
  'garbage man': 'refuse collector',
  garbageman: 'refuse collector',
  'garbage collector': 'refuse collector',
  binman: 'refuse collector',
  dustman: 'refuse collector',
  stewardess: 'flight attendant',
  'air hostess': 'flight attendant',
  salesman: 'salesperson',
  saleswoman: 'salesperson',
  'cleaning lady': 'maid',
  cameraman: 'camera operator',
  draftsman: 'drafter',
  draughtsman: 'drafter',
  fisherman: 'fisher',
  lumberjack: 'logger',
  busboy: 'busser',
  'bus boy': 'busser',
  barman: 'bartender',
  barmaid: 'bartender',
  masseuse: 'massage therapist',
  masseur: 'massage therapist',
  'stock boy': 'stocker',
  // British and international words.
  lorry: 'truck',
  solicitor: 'lawyer',
  barrister: 'lawyer',
  'estate agent': 'real estate agent',
  dustbin: 'refuse',
  // "<part of the body> doctor" and similar: the specialist's title.
  doctor: 'physician',
  'family doctor': 'family medicine physician',
  'kids doctor': 'pediatrician',
  'child doctor': 'pediatrician',
  "children's doctor": 'pediatrician',
  'baby doctor': ['pediatrician', 'obstetrician'],
  'foot doctor': 'podiatrist',
  'eye doctor': ['optometrist', 'ophthalmologist'],
  'skin doctor': 'dermatologist',
  'heart doctor': 'cardiologist',
  'brain doctor': 'neurologist',
  'bone doctor': 'orthopedic surgeon',
  'animal doctor': 'veterinarian',
  'tooth doctor': 'dentist',
  'women doctor': 'gynecologist',
  'er doctor': 'emergency medicine physician',
  'blood drawer': 'phlebotomist',
  'x ray': 'radiologic',
  xray: 'radiologic',
  'grade school': 'elementary school',
  // Abbreviations common in job ads and HR systems that the titles spell out.
  tech: ['technician', 'technologist'],
  rep: 'representative',
  mgr: 'manager',
  asst: 'assistant',
  admin: ['administrative', 'administrator'],
  engr: 'engineer',
  sysadmin: 'systems administrator',
  dev: 'developer',
  ux: 'user experience',
  ui: 'user interface',
  hr: 'human resources',
  it: 'information technology',
  pr: 'public relations',
  qa: 'quality assurance',
  icu: 'critical care',
  'ob gyn': 'obstetrician gynecologist',
  obgyn: 'obstetrician gynecologist',
  gp: 'family medicine physician',
  pa: 'physician assistant',
  np: 'nurse practitioner',
  pt: 'physical therapist',
  pta: 'physical therapist assistant',
  ot: 'occupational therapist',
  cota: 'occupational therapy assistant',
  rt: 'respiratory therapist',
  slp: 'speech language pathologist',
  lcsw: 'licensed clinical social worker',
  cdl: 'truck',
  csi: 'crime scene',
  tsa: 'transportation security',
  mri: 'magnetic resonance imaging',
  seo: 'search engine optimization',
  esl: 'english as a second language',
  dba: 'database administrator',
};

/** A compiled lay-word list: folded key phrase → alternatives, each a list of folded terms. */
export interface LayWordIndex {
  readonly version: string;
  readonly entries: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Longest key, in words (the query side looks no further). */
  readonly longestKey: number;
  /** Number of host entries merged over the built-in list. */
  readonly hostEntries: number;
}

/** Compiles the built-in list with the host's entries (a host key replaces the built-in one). */
export function compileLayWords(host: LayWords | undefined = undefined): LayWordIndex {
  const entries = new Map<string, (readonly string[])[]>();
  let longestKey = 1;
  const put = (key: string, value: string | readonly string[], field: string) => {
    const k = terms(key);
    const values = (typeof value === 'string' ? [value] : value).map((v) => terms(v));
    if (k.length === 0 || values.length === 0 || values.some((v) => v.length === 0)) {
      throw new OnetError('VALIDATION_ERROR', `Lay word "${key}" needs letters and at least one replacement with letters`, {
        field,
        suggestion: 'Give entries such as { "cop": "police officer", "shrink": ["psychiatrist", "psychologist"] }',
      });
    }
    entries.set(k.join(' '), values);
    longestKey = Math.max(longestKey, k.length);
  };
  for (const [key, value] of Object.entries(BUILT_IN_LAY_WORDS)) put(key, value, 'layWords');
  let hostEntries = 0;
  if (host !== undefined) {
    if (host === null || typeof host !== 'object' || Array.isArray(host)) {
      throw new OnetError('VALIDATION_ERROR', 'layWords must be an object mapping a lay word to a phrase or a list of phrases', {
        field: 'layWords',
        suggestion: 'Use { "cop": "police officer" }',
      });
    }
    for (const key of Object.keys(host)) {
      const value = host[key];
      const ok = typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
      if (!ok)
        throw new OnetError('VALIDATION_ERROR', `layWords["${key.slice(0, 40)}"] must be a phrase or a non-empty list of phrases`, {
          field: 'layWords',
          suggestion: 'Use { "cop": "police officer" }',
        });
      put(key, value as string | string[], 'layWords');
      hostEntries++;
    }
  }
  return { version: LAY_WORDS_VERSION, entries, longestKey, hostEntries };
}
