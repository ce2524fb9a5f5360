// Moved to shared/demo/samara-geography.ts (pure, so the server's demo register is the same city); re-exported
// here so the core's imports keep working.
export * from '../../../shared/demo/samara-geography.js';
