// @simforge/studio: the web app's server. The SPA itself is built by Vite from src/web.
export {
  createStudioServer,
  STUDIO_DEFAULTS,
  type StudioServer,
  type StudioServerOptions,
} from './server/index.ts';
export { hashPassword } from './server/passwords.ts';
export { STUDIO_API_ERRORS, type StudioApiErrorCode } from './studio-api-errors.ts';
