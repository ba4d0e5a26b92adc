import { z } from 'zod';

// Validation messages reach staff and content authors: Vietnamese, from zod's own locale.
z.config(z.locales.vi());

export { z };
