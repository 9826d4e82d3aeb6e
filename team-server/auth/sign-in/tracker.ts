// POST …/tracker: signing in with the person's own tracker credentials, which the tracker itself
// checks. Failed tries are counted per address before a secret is tried, and nothing is stored for one.
import { reserveLimit } from '../../http/rate-limits.ts';
import type { PersonRecord } from '../../store/store.ts';
import { checkTrackerCredentials, sealCredentials } from '../credentials.ts';
import { sendErrorPage, sendPage } from './answers.ts';
import { COOKIES, type PageContext, type PageKit } from './page-kit.ts';

export function trackerSignIn(kit: PageKit) {
  const { store, keys, company, now } = kit.options;
  return async function signInWithTracker(ctx: PageContext) {
    const { purpose, form, browser, address } = ctx.state;
    const request = ctx.req;
    const tracker = kit.tracker;
    if (!tracker) return sendErrorPage(ctx, 404, 'This server does not take tracker credentials.');
    // After a company sign-in, the credentials are that person's; otherwise the tracker says who.
    // Nothing is tried with the back end before the company has said who is asking.
    const companyPerson = company ? await kit.signedInFrom(request, COOKIES.signedIn, purpose) : undefined;
    if (company && !companyPerson) return sendPage(ctx, 403, kit.signInPage(purpose, browser, { error: 'Sign in with your company account first.' }));
    // Counted as failed until the back end says otherwise (rate-limits.ts).
    const attempt = await reserveLimit(store, kit.failedSignIns(address), now());
    if (!attempt.allowed) return kit.tooMany(ctx, attempt.retryAfterSeconds);
    const check = await checkTrackerCredentials(
      tracker,
      {
        secret: form.get('secret') ?? '',
        ...(form.has('email') ? { email: form.get('email') as string } : {}),
        ...(form.has('second_secret') ? { secondSecret: form.get('second_secret') as string } : {}),
      },
      {
        dataDir: `${kit.options.dataDir}/sign-in-checks`,
        env: kit.options.env,
        log: kit.options.log,
        now,
      },
    );
    if (!check.ok) {
      kit.metrics.signIn('refused');
      return sendPage(
        ctx,
        400,
        kit.signInPage(purpose, browser, { error: check.message, ...(companyPerson ? { signedInAs: companyPerson.email ?? companyPerson.name } : {}) }),
      );
    }
    await attempt.release();
    kit.metrics.signIn('signed_in');
    const person = companyPerson ?? (await kit.savePerson(check.identity, check.user.name, check.user.email ?? check.credentials.email ?? null));
    await store.setCredentials(person.id, sealCredentials(keys.atRest, person.id, check.credentials));
    kit.options.forgetPerson(person.id);
    await kit.finish(ctx, purpose, (await store.person(person.id)) as PersonRecord);
  };
}
