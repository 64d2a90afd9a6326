export { InProcessEventBus } from './in-process.event-bus';
