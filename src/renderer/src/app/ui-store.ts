import { create } from 'zustand';

export type Route = 'home' | 'settings';

interface UiState {
  route: Route;
  navigate: (route: Route) => void;
}

/** UI state only: content lives in IndexedDB, settings in main. */
export const useUiStore = create<UiState>((set) => ({
  route: 'home',
  navigate: (route) => set({ route }),
}));
