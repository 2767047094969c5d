/** Assignment of tickets to agents inside a service. Pure TypeScript; shifts are judged by the caller. */
export { roundRobin } from './round-robin.js';
export type { RoundRobin, RoundRobinAgent } from './round-robin.js';
