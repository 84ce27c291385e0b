import { defineMessages } from './define';

/** The board painted from its saved snapshot while the live documents load. */
export const boardSnapshotMessages = defineMessages({
  'zh-CN': {
    'board.snapshot.showing': '先显示上次保存的看板，正在载入最新数据…',
  },
  en: {
    'board.snapshot.showing': 'Showing the board as last saved; loading the latest data…',
  },
});
