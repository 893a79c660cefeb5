// The users file of token-webhook.py (src/recipes/webhook): JSON, one entry per token, read with the
// same rules as the script reads it, and the answer the script gives a TokenReview — so a page can
// show what the reader's own webhook will say before it runs. Format:
//   {"users": [{"token": "…", "username": "alice", "uid": "1001", "groups": ["dev"],
//               "extra": {"example.com/team": ["blue"]}}]}
// token and username are required and non-empty; uid, groups and extra are optional; a token may
// appear once.
import { LabError } from '../pki/errors.ts';
import type { UserInfo } from './types.ts';
import { parseTokenReviewRequest, tokenReviewApiVersion } from './webhook-token-review.ts';

/** One user of the webhook. */
export interface WebhookUser {
  token: string;
  username: string;
  /** Default: none. */
  uid?: string;
  /** Default: none. */
  groups?: string[];
  /** Default: none. */
  extra?: Record<string, string[]>;
}

/**
 * Reads a users file. Throws `webhook-users/not-json`, `webhook-users/bad-entry` (details: index,
 * field), `webhook-users/duplicate-token` (details: index).
 */
export function readWebhookUsers(text: string): Map<string, UserInfo> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LabError('webhook-users/not-json', `The users file is not JSON: ${(e as Error).message}`);
  }
  const list = (doc as { users?: unknown } | null)?.users;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !Array.isArray(list)) {
    throw new LabError('webhook-users/not-json', 'The users file must be a JSON object with a "users" list');
  }
  const users = new Map<string, UserInfo>();
  list.forEach((entry: unknown, index: number) => {
    const bad = (field: string, expected: string): never => {
      throw new LabError('webhook-users/bad-entry', `users[${index}].${field} must be ${expected}`, {
        index,
        field,
      });
    };
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) bad('', 'an object');
    const e = entry as Record<string, unknown>;
    if (typeof e.token !== 'string' || e.token === '' || /\s/.test(e.token))
      bad('token', 'a non-empty string without spaces');
    if (typeof e.username !== 'string' || e.username === '') bad('username', 'a non-empty string');
    if (e.uid !== undefined && typeof e.uid !== 'string') bad('uid', 'a string');
    if (
      e.groups !== undefined &&
      !(Array.isArray(e.groups) && e.groups.every((g) => typeof g === 'string' && g !== ''))
    )
      bad('groups', 'a list of non-empty strings');
    if (e.extra !== undefined) {
      if (e.extra === null || typeof e.extra !== 'object' || Array.isArray(e.extra))
        bad('extra', 'an object of string lists');
      for (const [k, v] of Object.entries(e.extra as Record<string, unknown>)) {
        if (k === '' || !Array.isArray(v) || !v.every((s) => typeof s === 'string'))
          bad(`extra`, 'an object of string lists');
      }
    }
    const token = e.token as string;
    if (users.has(token)) {
      throw new LabError('webhook-users/duplicate-token', `users[${index}] repeats a token given before`, {
        index,
      });
    }
    users.set(token, {
      username: e.username as string,
      uid: (e.uid as string | undefined) ?? '',
      groups: [...((e.groups as string[] | undefined) ?? [])],
      extra: { ...((e.extra as Record<string, string[]> | undefined) ?? {}) },
    });
  });
  return users;
}

/** What token-webhook.py answers one POST (status, content type, body). */
export interface WebhookScriptAnswer {
  status: number;
  contentType: string;
  body: string;
  /** The parsed response object (status 200 only). */
  response?: { apiVersion: string; kind: 'TokenReview'; status: Record<string, unknown> };
}

/**
 * The answer of token-webhook.py to a request body, for its users: 200 with the user, 200 with
 * authenticated false for an unknown token, 400 for a body that is not a TokenReview v1 or v1beta1.
 */
export function webhookScriptAnswer(users: Map<string, UserInfo>, body: string): WebhookScriptAnswer {
  let parsed: ReturnType<typeof parseTokenReviewRequest>;
  try {
    parsed = parseTokenReviewRequest(body);
  } catch (e) {
    return { status: 400, contentType: 'text/plain; charset=utf-8', body: `${(e as Error).message}\n` };
  }
  const user = users.get(parsed.token);
  const status: Record<string, unknown> = user
    ? {
        authenticated: true,
        user: {
          username: user.username,
          ...(user.uid ? { uid: user.uid } : {}),
          ...(user.groups.length ? { groups: user.groups } : {}),
          ...(Object.keys(user.extra).length ? { extra: user.extra } : {}),
        },
      }
    : { authenticated: false };
  const response = {
    apiVersion: tokenReviewApiVersion(parsed.version),
    kind: 'TokenReview' as const,
    status,
  };
  return { status: 200, contentType: 'application/json', body: JSON.stringify(response), response };
}
