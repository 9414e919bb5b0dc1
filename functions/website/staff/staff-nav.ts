import { html } from 'hono/html'
import type { Principal } from '../../shared/http/token-verifier.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import type { Markup, PageContext } from '../layout.js'

/**
 * The staff pages' navigation: the editions, the dashboard, who is signed in, sign-out.
 *
 * @example layout(page, { title, body, nav: staffNav(page, principal, 'editions') })
 */
export const staffNav = (
  page: PageContext,
  principal: Principal | undefined,
  current: 'editions' | 'dashboard' | 'team-sud-export',
): Markup => {
  const { t } = page
  const names = { ...t.staff.nav, 'team-sud-export': outcomeMessagesFor(page.lang).export.nav }
  const link = (key: keyof typeof names, path: string) =>
    html`<li><a href="${page.href(path)}"${key === current ? html` aria-current="page"` : ''}>${names[key]}</a></li>`
  return html`<nav class="staff" aria-label="${t.staff.title}">
    <ul>
      ${link('editions', '/staff')} ${link('dashboard', '/staff/dashboard')} ${link('team-sud-export', '/staff/team-sud-export')}
    </ul>
    ${principal
      ? html`<form method="post" action="${page.href('/staff/sign-out')}" class="sign-out">
          <span>${t.staff.signedInAs(principal.subject)}</span>
          <button type="submit" class="secondary">${t.staff.signOut}</button>
        </form>`
      : ''}
  </nav>`
}
