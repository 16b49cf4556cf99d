export { ChatwootError } from './errors/ChatwootError';
