/**
 * Reference paragraphs for the anchoring corpus, written for it (no third-party test material):
 * each one carries the traps a real article has, repeated phrases told apart only by their
 * context, short words, and words that differ only by case or by a word boundary.
 */
import { mulberry32 } from '../../../tools/dataset/synth.js';

export interface WrittenParagraph {
  id: string;
  text: string;
  /** Mentions by quote and which raw occurrence of it in `text` (0-based). */
  mentions: { exact: string; nth: number }[];
}

export const WRITTEN: WrittenParagraph[] = [
  {
    id: 'council',
    text: "The council met on Monday in the old town hall. The council said the budget would be cut, and the mayor said the budget would not be cut. In the end the council voted in favour of the mayor's plan, and the mayor thanked the council for its support. Its critics said the plan has no money behind it; the mayor has said it has, and that the council has seen the figures. In June the council will meet again in the old town hall.",
    mentions: [
      { exact: 'The council', nth: 0 },
      { exact: 'The council', nth: 1 },
      { exact: 'the council', nth: 0 },
      { exact: 'the council', nth: 2 },
      { exact: 'the budget', nth: 1 },
      { exact: 'the mayor', nth: 2 },
      { exact: 'the old town hall', nth: 1 },
      { exact: 'in', nth: 1 },
      { exact: 'its', nth: 0 },
      { exact: 'has', nth: 1 },
      { exact: 'has', nth: 2 },
      { exact: 'Its', nth: 0 },
      { exact: 'In', nth: 1 },
    ],
  },
  {
    id: 'river',
    text: 'Salmon leave the sea in autumn and swim up the river where they hatched. Their life cycles are long and hard: most die on the way. Trout stay in the river all year, and their life cycles are shorter. Biologists who count the fish at the weir say the salmon are fewer each year, and that the weir itself is one reason. A new fish pass at the weir opened in May; whether it works, the biologists say, we may know by spring.',
    mentions: [
      { exact: 'life cycles', nth: 1 },
      { exact: 'life cycles', nth: 0 },
      { exact: 'the weir', nth: 2 },
      { exact: 'the river', nth: 0 },
      { exact: 'the river', nth: 1 },
      { exact: 'May', nth: 0 },
      { exact: 'biologists', nth: 0 },
      { exact: 'salmon', nth: 0 },
    ],
  },
  {
    id: 'summit',
    text: 'At the summit, Trump played what aides called his trump card: a tariff on steel. May, who had flown in that morning, said Britain may yet agree, but Biden, asked about Bidenomics and about the tariff, said the tariff was a tax on Americans. Trump replied that the tariff was a tax on China. The US delegation left early; the EU delegation stayed, and the EU statement said the US was welcome back.',
    mentions: [
      { exact: 'Trump', nth: 0 },
      { exact: 'trump card', nth: 0 },
      { exact: 'Trump', nth: 1 },
      { exact: 'May', nth: 0 },
      { exact: 'Biden', nth: 0 },
      { exact: 'Bidenomics', nth: 0 },
      { exact: 'the tariff', nth: 2 },
      { exact: 'US', nth: 1 },
      { exact: 'EU', nth: 1 },
      { exact: 'the EU delegation', nth: 0 },
    ],
  },
  {
    id: 'election',
    text: 'The state electoral board certified the count on Friday, a week after the vote. The board chair, Ana Ruiz, said the count was the cleanest in a decade; a board member, Tom Okafor, said the count had been slow but fair. Ruiz and Okafor will both testify before the state senate in March, where the count and the delay will be discussed. "We counted every ballot," Ruiz said. "Every ballot," Okafor added, "and some of them twice."',
    mentions: [
      { exact: 'Ana Ruiz', nth: 0 },
      { exact: 'Ruiz', nth: 1 },
      { exact: 'Ruiz', nth: 2 },
      { exact: 'Okafor', nth: 2 },
      { exact: 'the count', nth: 1 },
      { exact: 'the count', nth: 3 },
      { exact: 'every ballot', nth: 0 },
      { exact: 'Every ballot', nth: 0 },
      { exact: 'the state senate', nth: 0 },
    ],
  },
];

const NOUNS = [
  'council',
  'mayor',
  'budget',
  'river',
  'bridge',
  'school',
  'court',
  'minister',
  'report',
  'plan',
  'vote',
  'tariff',
  'harbour',
  'union',
  'station',
  'museum',
  'hospital',
  'police',
  'market',
  'railway',
];
const VERBS = ['said', 'approved', 'rejected', 'delayed', 'reviewed', 'funded', 'opened', 'closed', 'praised', 'questioned'];
const ADJECTIVES = ['new', 'old', 'local', 'national', 'small', 'large', 'public', 'private', 'first', 'last'];
const LINKS = ['in', 'on', 'at', 'for', 'with', 'after', 'before', 'under', 'near', 'by'];
const NAMES = ['Ana Ruiz', 'Tom Okafor', 'Li Wei', 'Sara Holm', 'Omar Haddad', 'Eva Novak', 'Raj Patel', 'Ines Costa'];

/**
 * A long news-like paragraph (about `chars` characters) from a small vocabulary, so phrases repeat
 * often and many candidates compete, as in a long live-blog or transcript paragraph.
 */
export function generatedParagraph(chars: number, seed: number): string {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentences: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentence = [
      `The ${pick(ADJECTIVES)} ${pick(NOUNS)}`,
      pick(VERBS),
      `the ${pick(NOUNS)} ${pick(LINKS)} ${pick(['its', 'the', 'a', 'his', 'her'])} ${pick(ADJECTIVES)} ${pick(NOUNS)}`,
      random() < 0.5 ? `, ${pick(NAMES)} ${pick(VERBS)} ${pick(LINKS)} ${pick(['May', 'June', 'March', 'the spring'])}` : '',
    ]
      .filter((part) => part !== '')
      .join(' ')
      .replace(' ,', ',');
    sentences.push(`${sentence}.`);
    length += sentence.length + 2;
  }
  return sentences.join(' ');
}
