export * from './login.dto.js';
export * from './create-reply.dto.js';
export * from './list-tickets.query.js';
export * from './sla-policy.dto.js';
export * from './update-ticket.dto.js';
export * from './channel-account.dto.js';
export * from './service.dto.js';
export * from './routing-settings.dto.js';
