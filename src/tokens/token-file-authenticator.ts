// The token file authenticator: an exact map lookup; a token not in the file is "not mine".
import type { TokenFile } from './read-token-file.ts';
import { tokenFileUser } from './read-token-file.ts';
import type { TokenAuthenticator } from './types.ts';

/** The --token-auth-file authenticator over a file read with readTokenFile. */
export function tokenFileAuthenticator(file: TokenFile): TokenAuthenticator {
  return {
    name: 'token-file',
    authenticate: async (token) => {
      const entry = file.tokens.get(token);
      return entry
        ? { kind: 'ok', user: tokenFileUser(entry) }
        : { kind: 'not-mine', why: 'not in the token file' };
    },
  };
}
