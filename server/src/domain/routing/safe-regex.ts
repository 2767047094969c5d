/**
 * Regular expressions written by administrators run on every inbound message, inside the request, on
 * text that citizens control. JavaScript cannot interrupt a running RegExp, so a pattern that
 * backtracks exponentially would freeze the server: patterns are screened when a rule is saved and
 * the text they run on is bounded.
 */

export const MAX_REGEX_LENGTH = 200;
/** Characters of a message a rule's regex sees; routing cues sit at the start of a message anyway. */
export const MAX_REGEX_INPUT = 2_000;
/** Repetitions (`*`, `+`, `{n,}`) a pattern may hold; each one multiplies the worst-case backtracking. */
export const MAX_UNBOUNDED_QUANTIFIERS = 4;
/** A screening probe slower than this marks the pattern as too slow (a safe one takes microseconds). */
const PROBE_BUDGET_MS = 50;

export interface RegexCondition {
  readonly pattern: string;
  /** Default true: administrators rarely mean « Urgent » and « URGENT » differently. */
  readonly ignoreCase?: boolean;
}

export function compileRegex(condition: RegexCondition): RegExp {
  return new RegExp(condition.pattern, condition.ignoreCase === false ? 'u' : 'iu');
}

/** The first match of the regex in the first MAX_REGEX_INPUT characters of the text, or null. */
export function findRegex(regex: RegExp, text: string): string | null {
  const match = regex.exec(text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text);
  return match ? match[0] : null;
}

/** Why the pattern cannot be used (syntax, length, a shape that can backtrack catastrophically), or null. */
export function regexProblem(condition: RegexCondition): string | null {
  const { pattern } = condition;
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > MAX_REGEX_LENGTH) return `must be at most ${MAX_REGEX_LENGTH} characters`;
  let regex: RegExp;
  try {
    regex = compileRegex(condition);
  } catch (error) {
    return `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (regex.test('')) return 'matches every message (it matches empty text)';
  const shape = shapeProblem(pattern);
  if (shape) return shape;
  return slowOnProbes(regex, pattern) ? 'too slow on long messages (catastrophic backtracking)' : null;
}

interface GroupFrame {
  /** Holds a repetition (`*`, `+`, `{2}`…) somewhere inside. */
  repeats: boolean;
  /** Holds an unbounded repetition (`*`, `+`, `{2,}`) somewhere inside. */
  unbounded: boolean;
  alternation: boolean;
}

/**
 * Rejects the shapes behind exponential backtracking: a repeated group that itself repeats something
 * (`(a+)+`, `(\w+\s?)*`) or that holds alternatives (`(a|ab)*`), and back-references. Scans the
 * pattern once; the syntax is already known to be valid.
 */
function shapeProblem(pattern: string): string | null {
  const stack: GroupFrame[] = [newFrame()];
  let unbounded = 0;
  /** What the quantifier that may follow applies to: a closed group's frame, or a single atom. */
  let previous: GroupFrame | 'atom' | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      i += quantifier.length - 1;
      if (quantifier.repeats) {
        if (quantifier.unbounded) unbounded++;
        if (previous !== null && previous !== 'atom') {
          // (\d{2} ?){5} is harmless: only an unbounded repetition on either side multiplies paths.
          if (previous.unbounded || (quantifier.unbounded && previous.repeats)) {
            return 'nested repetition such as (a+)+ can backtrack catastrophically';
          }
          if (previous.alternation) {
            return 'a repeated group of alternatives such as (a|ab)* can backtrack catastrophically; use a character class';
          }
        }
        stack[stack.length - 1].repeats = true;
        stack[stack.length - 1].unbounded ||= quantifier.unbounded;
      }
      previous = null;
      continue;
    }
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'back-references (\\1, \\k<name>) are not allowed';
      // \u{…}, \p{…} and \P{…} are one atom.
      i += /[upP]/.test(next) && pattern[i + 2] === '{' ? pattern.indexOf('}', i) - i : 1;
      previous = 'atom';
    } else if (c === '[') {
      i = endOfClass(pattern, i);
      previous = 'atom';
    } else if (c === '(') {
      stack.push(newFrame());
      if (pattern[i + 1] === '?') i += groupPrefixLength(pattern, i + 1);
      previous = null;
    } else if (c === ')') {
      const group = stack.pop() ?? newFrame();
      const parent = stack[stack.length - 1];
      parent.repeats ||= group.repeats;
      parent.unbounded ||= group.unbounded;
      previous = group;
    } else if (c === '|') {
      stack[stack.length - 1].alternation = true;
      previous = null;
    } else {
      previous = 'atom';
    }
  }
  if (unbounded > MAX_UNBOUNDED_QUANTIFIERS) {
    return `at most ${MAX_UNBOUNDED_QUANTIFIERS} unbounded repetitions (*, +, {n,}) are allowed`;
  }
  return null;
}

function newFrame(): GroupFrame {
  return { repeats: false, unbounded: false, alternation: false };
}

function readQuantifier(
  pattern: string,
  at: number,
): { length: number; repeats: boolean; unbounded: boolean } | null {
  const c = pattern[at];
  let length = 0;
  let repeats = false;
  let unbounded = false;
  if (c === '*' || c === '+') {
    length = 1;
    repeats = true;
    unbounded = true;
  } else if (c === '?') {
    length = 1;
  } else if (c === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!braces) return null;
    length = braces[0].length;
    const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
    repeats = max > 1;
    unbounded = max === Infinity;
  } else {
    return null;
  }
  if (pattern[at + length] === '?') length++; // lazy quantifier: same backtracking in the worst case
  return { length, repeats, unbounded };
}

function endOfClass(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > open + 1) return i;
  }
  return pattern.length;
}

/** Length of `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>` after an opening parenthesis. */
function groupPrefixLength(pattern: string, question: number): number {
  const rest = pattern.slice(question);
  const named = /^\?<[A-Za-z_$][\w$]*>/.exec(rest);
  if (named) return named[0].length;
  if (rest.startsWith('?<=') || rest.startsWith('?<!')) return 3;
  return 2;
}

/**
 * Times the regex on long runs of the characters it cares about, growing the length by half up to
 * MAX_REGEX_INPUT, and gives up as soon as one run exceeds the budget: a polynomial blow-up that the
 * shape check allows (`.*a.*a.*a.*b`) shows here long before it could stall the server, and the
 * small growth step bounds the one slow probe to a few times the budget.
 */
function slowOnProbes(regex: RegExp, pattern: string): boolean {
  const literals = new Set(pattern.replace(/\\./g, ' ').match(/[\p{L}\p{N}]/gu) ?? []);
  const units = ['a', ' ', '0', 'é', '-', ...[...literals].slice(0, 8)];
  const words = pattern.match(/[\p{L}\p{N} ]{2,}/gu) ?? [];
  units.push(...words.slice(0, 4));
  for (let length = 32; length < MAX_REGEX_INPUT * 1.5; length = Math.ceil(length * 1.5)) {
    for (const unit of units) {
      const size = Math.min(length, MAX_REGEX_INPUT);
      const probe = `${unit.repeat(Math.ceil(size / unit.length)).slice(0, size - 1)}\u0001`;
      const start = performance.now();
      regex.test(probe);
      if (performance.now() - start > PROBE_BUDGET_MS) return true;
    }
  }
  return false;
}
