import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** Tells the socket gateway, without a module cycle, that a session ended and its sockets must close. */
@Injectable()
export class SessionEvents extends EventEmitter<{ 'session.revoked': [sessionId: string] }> {}
