import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** An error answered by the Graph API (or the network on the way), with Meta's own message. */
export class GraphApiError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly code: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

/** The subset of the Graph API Guichet uses; base URL and version come from configuration. */
@Injectable()
export class MetaGraphClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Replies under a Page comment: `POST /{comment-id}/comments`. */
  async replyToComment(commentId: string, message: string, accessToken: string): Promise<{ id: string }> {
    const body = await this.post(`${encodeURIComponent(commentId)}/comments`, {
      message,
      access_token: accessToken,
    });
    const id = (body as { id?: unknown }).id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new GraphApiError('Réponse de Meta sans identifiant', 200, null, false);
    }
    return { id: String(id) };
  }

  private async post(path: string, form: Record<string, string>): Promise<unknown> {
    const url = `${this.config.meta.graphUrl}/${this.config.meta.graphVersion}/${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(15000),
      });
    } catch (err) {
      throw new GraphApiError(`Meta injoignable : ${(err as Error).message}`, null, null, true);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const error = (json as { error?: { message?: unknown; code?: unknown } } | null)?.error;
      const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`;
      const code = typeof error?.code === 'number' ? error.code : null;
      throw new GraphApiError(message, res.status, code, res.status === 429 || res.status >= 500);
    }
    return json ?? {};
  }
}
