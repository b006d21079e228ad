// Demo shop page (index.html) and the admin console (src/admin/index.html, served by the
// backend at /admin) -> dist/. The widget bundle is built by vite.widget.config.ts.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, rollupOptions: { input: { main: 'index.html', admin: 'src/admin/index.html' } } },
  server: {
    // `npm run dev`: talk to a running Express backend (BACKEND_URL, default :3000).
    proxy: { '/api/llm': process.env.BACKEND_URL ?? 'http://127.0.0.1:3000' },
  },
});
