// What the TokenReview playground starts with: two users (example tokens, shown on a public page,
// so good for this playground only), the request kube-apiserver sends for alice's token on a kubeadm
// cluster (its API audience), the 2-minute default TTL, and a hand-written answer from some other
// webhook that vouches for alice for another audience.
import { writeWebhookUsersFile } from '../../recipes/webhook/users-file.ts';
import { type PlaygroundField, playgroundRequestText } from '../../tokens/token-review-playground.ts';

export const ALICE_TOKEN = 'kal-playground-alice-Qm7xV2pL9sTfW3nB';
export const BOB_TOKEN = 'kal-playground-bob-H4dR8kZc1yNe6gUa';
/** kubeadm's API audience (its --service-account-issuer). */
export const KUBEADM_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

export const PLAYGROUND_DEFAULTS: Record<PlaygroundField, string> = {
  request: playgroundRequestText({ token: ALICE_TOKEN, version: 'v1', audiences: [KUBEADM_AUDIENCE] }),
  users: writeWebhookUsersFile([
    {
      token: ALICE_TOKEN,
      username: 'alice',
      uid: '1001',
      groups: ['dev', 'webhook-users'],
      extra: { 'example.com/team': ['blue'] },
    },
    { token: BOB_TOKEN, username: 'bob', groups: ['webhook-users'] },
  ]),
  ttl: '120',
  failure: 'none',
  answer: JSON.stringify(
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      status: {
        authenticated: true,
        user: { username: 'alice', groups: ['dev'] },
        audiences: ['https://other-service.example'],
      },
    },
    null,
    2,
  ),
};
