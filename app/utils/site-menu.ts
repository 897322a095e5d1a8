import type { MessageKey } from "~/i18n/i18n";

/** The roles the menu knows (the Prisma enum's values; spelled here so browser code needs no Prisma import). */
export type MenuRole = "LEARNER" | "TRAINER" | "ADMIN" | "FOCAL_POINT";

export type MenuItem = { to: string; label: MessageKey };

const PUBLIC: MenuItem[] = [
  { to: "/", label: "nav.home" },
  { to: "/courses", label: "nav.courses" },
  { to: "/verify", label: "nav.verify" },
];

/**
 * What each role sees after the public links: adding a role (or a page for one) is one entry
 * here. The server still authorises every page; the menu only saves people from hunting.
 */
export const MENU_BY_ROLE: Record<MenuRole, MenuItem[]> = {
  LEARNER: [{ to: "/dashboard", label: "nav.dashboard" }],
  FOCAL_POINT: [
    { to: "/dashboard", label: "nav.dashboard" },
    { to: "/focal", label: "nav.focal" },
    { to: "/focal/nominations", label: "nav.nominations" },
  ],
  TRAINER: [
    { to: "/dashboard", label: "nav.dashboard" },
    { to: "/author", label: "nav.author" },
    { to: "/admin/applications", label: "nav.applications" },
  ],
  ADMIN: [
    { to: "/dashboard", label: "nav.dashboard" },
    { to: "/author", label: "nav.author" },
    { to: "/admin/users", label: "nav.users" },
    { to: "/admin/enrolments", label: "nav.bulk" },
    { to: "/admin/certificates", label: "nav.certificates" },
    { to: "/admin/agencies", label: "nav.agencies" },
    { to: "/admin/applications", label: "nav.applications" },
  ],
};

/** The main menu's links for a visitor (`null`) or a signed-in role (an unknown role gets the public links). */
export function menuFor(role: string | null | undefined): MenuItem[] {
  const extra = role && role in MENU_BY_ROLE ? MENU_BY_ROLE[role as MenuRole] : [];
  return [...PUBLIC, ...extra];
}

/**
 * `aria-current` for a menu link on `pathname`: "page" on the page itself, "location" inside its
 * section (/author/<slug> under "Authoring"), none elsewhere. "/" is current only on itself.
 */
export function currentFor(pathname: string, to: string): "page" | "location" | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === to) return "page";
  if (to !== "/" && path.startsWith(`${to}/`)) return "location";
  return undefined;
}
