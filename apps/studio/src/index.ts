// @simforge/studio: the web app's server. The SPA itself is built by Vite from src/web.
export {
  API_ERRORS,
  type ApiErrorCode,
  createStudioServer,
  STUDIO_DEFAULTS,
  type StudioServer,
  type StudioServerOptions,
} from './server/index.ts';
export { hashPassword } from './server/passwords.ts';
