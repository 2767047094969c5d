/**
 * Whether a post found on a platform is the reply we sent: same words once the leading mentions
 * (which platforms add or render differently, `@marie` vs `@marie@piaille.fr`) and spacing are set aside.
 */
export function sameReplyText(posted: string, sent: string): boolean {
  return comparable(posted) === comparable(sent);
}

function comparable(text: string): string {
  return text
    .replace(/^(?:\s*@[\w.-]+(?:@[\w.-]+)?)+\s*/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
