// Moved to shared/demo/register.ts (pure, so the server's demo register is the same city); re-exported
// here so the core's imports keep working.
export * from '../../../shared/demo/register.js';
