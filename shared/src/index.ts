export * from './enums.js';
export * from './views.js';
export * from './events.js';
export * from './limits.js';
export * from './sla.js';
