/**
 * The hub site itself through PnPjs: its title and the signed-in user, in one batched request.
 */
import '@pnp/sp/webs';
import '@pnp/sp/site-users/web';
import '@pnp/sp/batching';
import type { SuiteContext } from './context';

export interface SiteIdentity {
  siteTitle: string;
  userTitle: string;
  userEmail: string;
  userLoginName: string;
}

export class WebService {
  constructor(private readonly ctx: Pick<SuiteContext, 'sp'>) {}

  public async getSiteIdentity(): Promise<SiteIdentity> {
    const [batchedSP, execute] = this.ctx.sp.batched();
    const webP = batchedSP.web.select('Title')<{ Title: string }>();
    const userP = batchedSP.web.currentUser.select('Title', 'Email', 'LoginName')<{ Title: string; Email: string; LoginName: string }>();
    await execute();
    const [web, user] = await Promise.all([webP, userP]);
    return { siteTitle: web.Title, userTitle: user.Title, userEmail: user.Email, userLoginName: user.LoginName };
  }
}
