// Icons drawn as one path each (circles and rectangles written as arcs), so adding an icon adds one string.
export const ICON_PATHS = {
  user: 'M8 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0M4 21a8 8 0 0 1 16 0',
  users: 'M5.5 8a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5a6.5 6.5 0 0 1 3.5 5.5',
  key: 'M3.5 15a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0M11.2 11.8L20 3M16.5 6.5l3 3',
  logout: 'M10 4H5.5A1.5 1.5 0 0 0 4 5.5v13A1.5 1.5 0 0 0 5.5 20H10M20 12H9M16 8l4 4-4 4',
  site: 'M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21zM9.5 9.5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0',
  screen: 'M4.3 4h15.4a1.8 1.8 0 0 1 1.8 1.8v8.9a1.8 1.8 0 0 1 -1.8 1.8h-15.4a1.8 1.8 0 0 1 -1.8 -1.8v-8.9a1.8 1.8 0 0 1 1.8 -1.8zM9 20.5h6M12 16.5v4M12 7.5v3.2l2 1.3',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
  printer: 'M7 9V3h10v6M5 9h14a2 2 0 0 1 2 2v4a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-4a2 2 0 0 1 2 -2zM7 14h10v7H7z',
  package: 'M3.5 7.5L12 3l8.5 4.5v9L12 21l-8.5-4.5zM3.5 7.5L12 12l8.5-4.5M12 12v9',
  sync: 'M20 11a8 8 0 0 0 -14.3 -4.9M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9M20 20v-4h-4',
  power: 'M12 3v9M6.3 6.8a8 8 0 1 0 11.4 0',
  plus: 'M12 5v14M5 12h14',
  trash: 'M4 7h16M9.5 7V4.5h5V7M6 7l1 13h10l1-13',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  warning: 'M12 3.5L2.5 20h19zM12 10v4.5M12 17.5v.01',
  ok: 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0M7.5 12.5l3 3 6-6.5',
  upload: 'M12 16V4M7 9l5-5 5 5M4 16v3.5h16V16',
  folder: 'M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z',
  search: 'M4 10.5a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0M15.5 15.5L21 21',
  overview: 'M4.5 3h4.5a1.5 1.5 0 0 1 1.5 1.5v4.5a1.5 1.5 0 0 1 -1.5 1.5h-4.5a1.5 1.5 0 0 1 -1.5 -1.5v-4.5a1.5 1.5 0 0 1 1.5 -1.5zM15 3h4.5a1.5 1.5 0 0 1 1.5 1.5v4.5a1.5 1.5 0 0 1 -1.5 1.5h-4.5a1.5 1.5 0 0 1 -1.5 -1.5v-4.5a1.5 1.5 0 0 1 1.5 -1.5zM4.5 13.5h4.5a1.5 1.5 0 0 1 1.5 1.5v4.5a1.5 1.5 0 0 1 -1.5 1.5h-4.5a1.5 1.5 0 0 1 -1.5 -1.5v-4.5a1.5 1.5 0 0 1 1.5 -1.5zM15 13.5h4.5a1.5 1.5 0 0 1 1.5 1.5v4.5a1.5 1.5 0 0 1 -1.5 1.5h-4.5a1.5 1.5 0 0 1 -1.5 -1.5v-4.5a1.5 1.5 0 0 1 1.5 -1.5z',
  keyboard: 'M4 5.5h16a2 2 0 0 1 2 2v9a2 2 0 0 1 -2 2h-16a2 2 0 0 1 -2 -2v-9a2 2 0 0 1 2 -2zM6 9.5h.01M9.3 9.5h.01M12.6 9.5h.01M15.9 9.5h.01M18 9.5h.01M6.5 13h.01M17.5 13h.01M9 15h6',
  close: 'M6 6l12 12M18 6L6 18',
  speaker: 'M4 9.5h3.5L12 5.5v13l-4.5-4H4zM15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11',
  stop: 'M7 7h10v10H7z',
  mic: 'M9 5a3 3 0 0 1 6 0v6a3 3 0 0 1 -6 0zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7',
  play: 'M8 5.5v13l10.5-6.5z',
  lock: 'M6.5 10.5h11a2 2 0 0 1 2 2v6.5a2 2 0 0 1 -2 2h-11a2 2 0 0 1 -2 -2v-6.5a2 2 0 0 1 2 -2zM8 10.5V7a4 4 0 0 1 8 0v3.5',
} as const;

/** An icon drawn from {@link ICON_PATHS}. */
export type PathIconName = keyof typeof ICON_PATHS;

/** True when `name` is drawn from {@link ICON_PATHS}. */
export function isPathIcon(name: string): name is PathIconName {
  return Object.hasOwn(ICON_PATHS, name);
}
