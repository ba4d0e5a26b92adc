import { queryParam } from './format';

/** The page's place: its path and query, kept in step with the address bar. */
export const route = $state({ path: location.pathname, search: location.search });

function update(): void {
  route.path = location.pathname;
  route.search = location.search;
}

window.addEventListener('popstate', update);

/** Goes to a page of the hub's site without reloading. */
export function go(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  update();
  window.scrollTo(0, 0);
}

/** Click handler for in-site links: a plain click navigates in place; a new-tab click is left to the browser. */
export function link(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.currentTarget as HTMLAnchorElement;
  event.preventDefault();
  go(anchor.getAttribute('href') ?? '/');
}

/** One query parameter of the current page. */
export function param(name: string): string | null {
  return queryParam(route.search, name);
}
