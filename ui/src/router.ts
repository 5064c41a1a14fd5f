import { signal } from '@preact/signals';
import type { TargetedMouseEvent } from 'preact';

// Paths under /ui/ (covalence answers index.html for any of them). The base comes from the build.
const BASE = import.meta.env.BASE_URL; // "/ui/"

/** The path below the base, without a leading slash, e.g. "nodes/<uuid>". */
export const route = signal(current());

function current(): string {
  const { pathname } = location;
  return pathname.startsWith(BASE) ? decodeURI(pathname.slice(BASE.length)) : '';
}

export function href(path: string): string {
  return BASE + path;
}

export function navigate(path: string): void {
  if (path === route.value) return;
  history.pushState(null, '', href(path));
  route.value = current();
  scrollTo(0, 0);
}

addEventListener('popstate', () => { route.value = current(); });

/** An in-app link: a real href (middle click opens a tab) that navigates without a reload. */
export function onLink(e: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(e.currentTarget.getAttribute('href')!.slice(BASE.length));
}
