import type { PageAssets } from './assets.js'
import type { StaffLogin } from './staff/sign-in.js'

/** What the pages need beyond the API's own dependencies. */
export interface PagesConfig {
  /** The built stylesheet and scripts (see infra/page-assets.ts). */
  readonly assets: PageAssets
  /**
   * Cognito's managed login for staff (AWS). Absent under `npm start`, where the
   * development sign-in of local/dev-sign-in.ts answers `/staff/sign-in` instead.
   */
  readonly staffLogin?: StaffLogin | undefined
}
