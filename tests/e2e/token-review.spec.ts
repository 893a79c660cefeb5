// The TokenReview playground of part 4, lesson 3, as a reader uses it, in English and Korean: the
// default request, the webhook's exact answer and what kube-apiserver believes are on the page before
// any script runs and equal the model's prediction; a set of requests (another token, v1beta1, no
// audiences) gives the model's answers; the cache on the simulated clock (a removed token answered
// from the cache until the TTL ends, authenticated:false cached too, errors never); the failure
// modes; bad input gets its translated message at its field while the rest stays; a reload keeps the
// fields and the clock; lesson 2's users file from the workspace is one click away; the widget in
// use has no serious axe violation in either theme. No request leaves the site (the fixture fails any).

import type { Page } from '@playwright/test';
import { type MessageKey, t } from '../../src/i18n/index.ts';
import {
  KUBECTL_401,
  type PlaygroundInputs,
  type PlaygroundRequest,
  type PlaygroundTimeline,
  playgroundRequestText,
  runPlayground,
} from '../../src/tokens/index.ts';
import {
  ALICE_TOKEN,
  BOB_TOKEN,
  KUBEADM_AUDIENCE,
  PLAYGROUND_DEFAULTS,
} from '../../src/widgets/token-review/defaults.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';

type Lang = 'en' | 'ko';
const PAGE = (lang: Lang) => `${lang === 'ko' ? '/ko' : ''}/webhook/03-tokenreview-playground/`;
const text = (lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}) =>
  t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));

const widget = (page: Page) => page.locator('kal-token-review');
const field = (page: Page, name: string) => widget(page).locator(`[data-field="${name}"]`);
const message = (page: Page, name: string) => widget(page).locator(`[data-message="${name}"]`);
const action = (page: Page, name: string, seconds?: number) =>
  widget(page).locator(`button[data-action="${name}"]${seconds ? `[data-seconds="${seconds}"]` : ''}`);
const latest = (page: Page) => widget(page).locator('[data-output="latest"]');
const rows = (page: Page) => widget(page).locator('[data-timeline] tbody tr');

/** The model's prediction for the page's fields (the defaults unless changed) and a timeline. */
async function predict(
  change: Partial<PlaygroundInputs> = {},
  timeline: PlaygroundTimeline = { clock: 0, sent: [0] },
): Promise<PlaygroundRequest[]> {
  const run = await runPlayground({ ...PLAYGROUND_DEFAULTS, timeline, ...change });
  expect(run.problems).toEqual({});
  return run.requests;
}

/** The last request as the page must show it. */
async function expectLatest(page: Page, r: PlaygroundRequest) {
  await expect(latest(page).locator('[data-sent]')).toHaveText(r.requestJson);
  await expect(latest(page).locator('[data-kubectl]')).toHaveText(r.kubectl);
  await expect(latest(page).locator('[data-verdict]')).toHaveAttribute(
    'data-ok',
    String(r.httpStatus === 200),
  );
  if (r.cached) await expect(latest(page).locator('[data-answer]')).toHaveCount(0);
  else if (r.answer && 'body' in r.answer)
    await expect(latest(page).locator('[data-answer]')).toHaveText(r.answer.body);
  else if (r.answer) await expect(latest(page).locator('[data-answer]')).toHaveText(r.answer.error);
}

const requestFor = (token: string, version: 'v1' | 'v1beta1', audiences: string[]) =>
  playgroundRequestText({ token, version, audiences });

for (const lang of ['en', 'ko'] as const) {
  test.describe(lang, () => {
    test(`the default request, the webhook's exact answer and alice as kube-apiserver believes her are on the page as the model predicts (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      const [r] = await predict();
      await expectLatest(page, r!);
      expect(r!.answer).toEqual({
        status: 200,
        body: '{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "status": {"authenticated": true, "user": {"username": "alice", "uid": "1001", "groups": ["dev", "webhook-users"], "extra": {"example.com/team": ["blue"]}}}}',
      });
      await expect(latest(page).locator('[data-fact="username"]')).toHaveText('alice');
      await expect(latest(page).locator('[data-fact="uid"]')).toHaveText('1001');
      await expect(latest(page).locator('[data-fact="groups"]')).toHaveText(
        'dev, webhook-users, system:authenticated',
      );
      await expect(latest(page).locator('[data-fact="extra"]')).toHaveText('example.com/team=blue');
      await expect(latest(page).locator('[data-fact="audiences"]')).toHaveText(KUBEADM_AUDIENCE);
      await expect(latest(page).locator('[data-verdict]')).toHaveText(
        text(lang, 'tokenreview.believed', { user: 'alice' }),
      );
      await expect(rows(page)).toHaveCount(1);
    });

    test(`a set of requests (another user, v1beta1, no audiences, an unknown token) gets the model's answers (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      const cases = [
        requestFor(BOB_TOKEN, 'v1beta1', [KUBEADM_AUDIENCE]),
        requestFor(ALICE_TOKEN, 'v1beta1', []),
        requestFor('no-such-token', 'v1', [KUBEADM_AUDIENCE]),
      ];
      for (const request of cases) {
        await field(page, 'request').fill(request);
        const [r] = await predict({ request });
        await expectLatest(page, r!);
      }
      await expect(latest(page).locator('[data-kubectl]')).toHaveText(KUBECTL_401.whoami);
      await expect(latest(page).locator('[data-reason] code')).toHaveText('invalid bearer token');
      await expect(latest(page).locator('[data-verdict]')).toHaveText(text(lang, 'tokenreview.refused'));
    });

    test(`a token removed from the users file is answered from the cache until the TTL ends, then refused, and that refusal is cached too (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      await action(page, 'remove').click();
      await expect(widget(page).locator('[data-removed]')).toHaveText(
        text(lang, 'tokenreview.removed', { time: '0:00' }),
      );
      await action(page, 'advance', 30).click();
      await expect(widget(page).locator('[data-clock]')).toHaveText(
        text(lang, 'tokenreview.clock', { time: '0:30' }),
      );
      await action(page, 'send').click();
      let predicted = await predict({}, { clock: 30, sent: [0, 30], removeAt: 0, removeAfter: 1 });
      await expect(rows(page)).toHaveCount(2);
      await expectLatest(page, predicted[1]!);
      expect(predicted[1]!.cached).toBe(true);
      await expect(latest(page).locator('[data-answer-note]')).toHaveText(
        text(lang, 'tokenreview.fromCache', { until: '2:00' }),
      );
      await expect(rows(page).nth(1)).toHaveAttribute('data-cached', 'true');
      await expect(rows(page).nth(1)).toHaveAttribute('data-http', '200');
      await action(page, 'advance', 120).click();
      await action(page, 'send').click();
      await action(page, 'advance', 30).click();
      await action(page, 'send').click();
      predicted = await predict({}, { clock: 180, sent: [0, 30, 150, 180], removeAt: 0, removeAfter: 1 });
      expect(predicted.map((r) => [r.at, r.cached, r.httpStatus])).toEqual([
        [0, false, 200],
        [30, true, 200],
        [150, false, 401],
        [180, true, 401],
      ]);
      await expect(rows(page)).toHaveCount(4);
      await expect(widget(page).locator('[data-announce]')).toHaveText(
        `${text(lang, 'tokenreview.latestAt', { at: '3:00' })} ${text(lang, 'tokenreview.notInFile')} ${text(lang, 'tokenreview.refused')}`,
      );
      for (const [i, r] of predicted.entries()) {
        await expect(rows(page).nth(i)).toHaveAttribute('data-cached', String(r.cached));
        await expect(rows(page).nth(i)).toHaveAttribute('data-http', String(r.httpStatus));
      }
      await expectLatest(page, predicted[3]!);
      // A TTL of 0 caches nothing: the same clock, every request asks the webhook.
      await field(page, 'ttl').fill('0');
      await expect(rows(page).nth(1)).toHaveAttribute('data-http', '401');
      await expect(rows(page).locator('[data-cached="true"]')).toHaveCount(0);
      await action(page, 'reset').click();
      await expect(rows(page)).toHaveCount(0);
      await expect(latest(page)).toHaveText(text(lang, 'tokenreview.sendFirst'));
      await expect(action(page, 'remove')).toBeEnabled();
    });

    test(`failure modes: a webhook that is down or answers 500 is an error, never cached; another apiVersion is refused; a hand-written answer for another audience is not believed (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      await field(page, 'failure').selectOption('down');
      await action(page, 'send').click();
      let p = await predict({ failure: 'down' }, { clock: 0, sent: [0, 0] });
      await expect(rows(page)).toHaveCount(2);
      await expectLatest(page, p[1]!);
      expect(p[1]!.cached).toBe(false);
      await expect(rows(page).locator('[data-cached="true"]')).toHaveCount(0);
      await expect(latest(page).locator('[data-answer]')).toContainText('connect: connection refused');

      await field(page, 'failure').selectOption('non-2xx');
      p = await predict({ failure: 'non-2xx' }, { clock: 0, sent: [0, 0] });
      await expectLatest(page, p[1]!);
      await expect(latest(page).locator('[data-attempts]')).toHaveText(
        text(lang, 'tokenreview.attempts', { count: 5 }),
      );

      await field(page, 'failure').selectOption('wrong-api-version');
      p = await predict({ failure: 'wrong-api-version' }, { clock: 0, sent: [0, 0] });
      await expectLatest(page, p[1]!);
      await expect(latest(page).locator('[data-reason] code')).toHaveText(
        'converting (v1beta1.TokenReview) to (v1.TokenReview): unknown conversion',
      );

      await expect(field(page, 'answer')).toBeHidden();
      await field(page, 'failure').selectOption('hand-written');
      await expect(field(page, 'answer')).toBeVisible();
      p = await predict({ failure: 'hand-written' }, { clock: 0, sent: [0, 0] });
      await expectLatest(page, p[1]!);
      expect(p.map((r) => [r.cached, r.httpStatus])).toEqual([
        [false, 401],
        [true, 401],
      ]);
      const answer = PLAYGROUND_DEFAULTS.answer.replace(
        '"https://other-service.example"',
        `"https://other-service.example", "${KUBEADM_AUDIENCE}"`,
      );
      await field(page, 'answer').fill(answer);
      p = await predict({ failure: 'hand-written', answer }, { clock: 0, sent: [0, 0] });
      await expectLatest(page, p[1]!);
      await expect(latest(page).locator('[data-fact="audiences"]')).toHaveText(KUBEADM_AUDIENCE);
    });

    test(`bad input gets its translated message at that field, and the rest of the page stays (${lang})`, async ({
      page,
    }) => {
      await page.goto(PAGE(lang));
      await field(page, 'request').fill('{"kind": "TokenReview",');
      await expect(message(page, 'request')).toHaveText(text(lang, 'error.webhook/not-json'));
      await expect(field(page, 'request')).toHaveAttribute('aria-invalid', 'true');
      await expect(latest(page)).toHaveText(text(lang, 'tokenreview.fixFirst'));
      await field(page, 'request').fill(PLAYGROUND_DEFAULTS.request.replace('/v1"', '/v2"'));
      await expect(message(page, 'request')).toHaveText(
        text(lang, 'error.token-review/bad-api-version', { value: 'authentication.k8s.io/v2' }),
      );
      await field(page, 'request').fill(PLAYGROUND_DEFAULTS.request.replace(ALICE_TOKEN, ''));
      await expect(message(page, 'request')).toHaveText(text(lang, 'error.token-review/bad-token'));
      await field(page, 'request').fill(PLAYGROUND_DEFAULTS.request);
      await expect(message(page, 'request')).toHaveText('');
      await expect(field(page, 'request')).not.toHaveAttribute('aria-invalid', 'true');

      await field(page, 'users').fill(PLAYGROUND_DEFAULTS.users.replace('"username":"bob"', '"username":""'));
      await expect(message(page, 'users')).toHaveText(
        text(lang, 'error.webhook-users/bad-entry', { index: 1, field: 'username' }),
      );
      await field(page, 'users').fill('users: alice');
      await expect(message(page, 'users')).toHaveText(text(lang, 'error.webhook-users/not-json'));
      await field(page, 'ttl').fill('2m');
      await expect(message(page, 'ttl')).toHaveText(text(lang, 'error.token-review/bad-ttl'));
      await field(page, 'failure').selectOption('hand-written');
      await field(page, 'answer').fill('{"status": ');
      await expect(message(page, 'answer')).toHaveText(text(lang, 'error.token-review/bad-answer'));
      // Every message stays at its own field; the others keep what was typed.
      await expect(message(page, 'users')).toHaveText(text(lang, 'error.webhook-users/not-json'));
      await expect(message(page, 'request')).toHaveText('');
      await expect(field(page, 'request')).toHaveValue(PLAYGROUND_DEFAULTS.request);
      await field(page, 'users').fill(PLAYGROUND_DEFAULTS.users);
      await field(page, 'ttl').fill('120');
      await field(page, 'failure').selectOption('none');
      await expect(message(page, 'answer')).toHaveText('');
      await expect(latest(page).locator('[data-fact="username"]')).toHaveText('alice');
    });
  });
}

test('a reload keeps every field and the clock', async ({ page }) => {
  await page.goto(PAGE('en'));
  const request = requestFor(BOB_TOKEN, 'v1beta1', []);
  await field(page, 'request').fill(request);
  await field(page, 'ttl').fill('45');
  await field(page, 'failure').selectOption('hand-written');
  await field(page, 'answer').fill('{"kind": "TokenReview"}');
  await action(page, 'remove').click();
  await action(page, 'advance', 30).click();
  await action(page, 'send').click();
  await expect(rows(page)).toHaveCount(2);
  await page.reload();
  await expect(field(page, 'request')).toHaveValue(request);
  await expect(field(page, 'ttl')).toHaveValue('45');
  await expect(field(page, 'failure')).toHaveValue('hand-written');
  await expect(field(page, 'answer')).toBeVisible();
  await expect(field(page, 'answer')).toHaveValue('{"kind": "TokenReview"}');
  await expect(widget(page).locator('[data-clock]')).toHaveText(
    text('en', 'tokenreview.clock', { time: '0:30' }),
  );
  await expect(widget(page).locator('[data-removed]')).toHaveText(
    text('en', 'tokenreview.removed', { time: '0:00' }),
  );
  await expect(action(page, 'remove')).toBeDisabled();
  await expect(rows(page)).toHaveCount(2);
  const p = await predict(
    { request, ttl: '45', failure: 'hand-written', answer: '{"kind": "TokenReview"}' },
    { clock: 30, sent: [0, 30], removeAt: 0, removeAfter: 1 },
  );
  await expectLatest(page, p[1]!);
});

test("lesson 2's users file from the workspace is one click away, and the request takes its first token", async ({
  page,
}) => {
  await page.goto(PAGE('en'));
  const users = '{"users": [\n  {"token": "lesson2-token-abc", "username": "kim", "groups": ["ops"]}\n]}\n';
  // Lesson 2's widget journals its fields as the reader types; write them the same way.
  await page.evaluate((u) => {
    localStorage.setItem('kal-journal:webhook-config:users', JSON.stringify({ v: u, t: Date.now() }));
  }, users);
  await page.reload();
  const use = action(page, 'use-lesson2');
  await expect(use).toBeVisible();
  await use.click();
  await expect(field(page, 'users')).toHaveValue(users);
  await expect(widget(page).locator('[data-status]')).toHaveText(
    text('en', 'tokenreview.usedLesson2', { user: 'kim' }),
  );
  const request = requestFor('lesson2-token-abc', 'v1', [KUBEADM_AUDIENCE]);
  await expect(field(page, 'request')).toHaveValue(request);
  const [r] = await predict({ users, request });
  await expectLatest(page, r!);
  await expect(latest(page).locator('[data-fact="username"]')).toHaveText('kim');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the widget in use, refused, from the cache and with a bad field, has no serious axe violation (${theme}, 390 px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.addInitScript((th) => localStorage.setItem('starlight-theme', th), theme);
    await page.goto(PAGE('ko'));
    await action(page, 'remove').click();
    await action(page, 'send').click();
    await expect(rows(page)).toHaveCount(2);
    await field(page, 'failure').selectOption('hand-written');
    await field(page, 'ttl').fill('x');
    await expect(message(page, 'ttl')).not.toHaveText('');
    const violations = await seriousAxeViolations(page, 'kal-token-review');
    expect(violations).toEqual([]);
    // And with a result on screen: the refusal from the cache.
    await field(page, 'ttl').fill('120');
    await field(page, 'failure').selectOption('none');
    await field(page, 'request').fill(requestFor('nobody', 'v1', []));
    await expect(latest(page).locator('[data-verdict]')).toHaveAttribute('data-ok', 'false');
    const again = await seriousAxeViolations(page, 'kal-token-review');
    expect(again).toEqual([]);
  });
}
