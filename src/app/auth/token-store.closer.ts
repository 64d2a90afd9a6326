import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { TOKEN_STORE } from '../../ports/token-store.port';
import type { TokenStore } from '../../ports/token-store.port';

/** Closes the token store's database connection with the application. */
@Injectable()
export class TokenStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(TOKEN_STORE) private readonly tokens: TokenStore) {}

  onApplicationShutdown(): void {
    this.tokens.close();
  }
}
