// dist/widget.js: one self-contained IIFE (React + CSS inlined), mounted by a script tag.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: {
      entry: 'src/widget/embed.tsx',
      name: 'BlankSpaceChatWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
