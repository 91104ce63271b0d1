import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code; integration and browser tests live in test/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
