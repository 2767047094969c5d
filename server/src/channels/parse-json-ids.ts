/**
 * JSON.parse, except that integers too large for a double (platform ids such as 10158274615553789)
 * become strings instead of silently losing digits. Walks the text once, tracking string literals,
 * so digits inside a citizen's message are never touched.
 */
export function parseJsonKeepingBigIds(text: string): unknown {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    const isStart = (ch >= 48 && ch <= 57) || ch === 45; /* digit or - */
    if (!isStart) continue;
    let j = i + 1;
    while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
    const token = text.slice(i, j);
    if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(last, i)}"${token}"`;
      last = j;
    }
    i = j - 1;
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}
