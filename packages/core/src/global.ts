// Script-tag entry (placeholder until the script-tag build lands): exposes the core API as window.Wootkit.
import * as api from './index';

if (typeof window !== 'undefined') (window as unknown as { Wootkit: typeof api }).Wootkit = api;
