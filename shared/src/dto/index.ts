export * from './login.dto.js';
export * from './create-reply.dto.js';
export * from './list-tickets.query.js';
