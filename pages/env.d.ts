// Types for what Vite adds to imports (CSS side-effect imports, import.meta.env).
/// <reference types="vite/client" />
