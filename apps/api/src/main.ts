import { loadApiConfig } from './api.config.js';
import { startApp } from './create-app.js';

try {
  await startApp(loadApiConfig(process.env));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
