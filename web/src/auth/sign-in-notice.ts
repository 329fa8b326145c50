/**
 * A message for the sign-in page from the page that ended the session (e.g. "your account was
 * deleted"). Kept in memory, not in the address, so that no link can make the page say it.
 */
let notice: string | null = null;

export function leaveSignInNotice(text: string): void {
  notice = text;
}

export function signInNotice(): string | null {
  return notice;
}

export function clearSignInNotice(): void {
  notice = null;
}
