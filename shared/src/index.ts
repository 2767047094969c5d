export * from './enums.js';
export * from './views.js';
export * from './events.js';
export * from './limits.js';
export * from './sla.js';
export * from './services.js';
export * from './routing.js';
export * from './answers.js';
