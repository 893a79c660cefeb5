// The users file token-webhook.py reads (format in src/tokens/webhook-users.ts), written from the
// reader's rows and read back with the script's rules before it is handed out.
import { readWebhookUsers, type WebhookUser } from '../../tokens/index.ts';

/** The users file text (JSON, one user per line). Throws the `webhook-users/*` errors. */
export function writeWebhookUsersFile(users: WebhookUser[]): string {
  const lines = users.map((u) =>
    JSON.stringify({
      token: u.token,
      username: u.username,
      ...(u.uid ? { uid: u.uid } : {}),
      ...(u.groups?.length ? { groups: u.groups } : {}),
      ...(u.extra && Object.keys(u.extra).length ? { extra: u.extra } : {}),
    }),
  );
  const text = `{"users": [\n${lines.map((l) => `  ${l}`).join(',\n')}\n]}\n`;
  readWebhookUsers(text);
  return text;
}
