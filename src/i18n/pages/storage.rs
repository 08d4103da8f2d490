//! Texts of saving and storage: another tab's save, a full storage, kept backups, the storage page.

use crate::i18n::define_texts;

define_texts! {
    TSto;
    OtherTabSaved => "另一个标签页修改了此方案", "Another tab changed this scenario";
    NotSavedOtherTab => "本页的修改尚未保存：另一个标签页修改了此方案，请在上方选择保留哪个版本", "This tab's changes are not saved: another tab changed this scenario; choose above which version to keep";
    OtherTabDetail => "为免覆盖对方的修改，本页已暂停保存；本页的修改仍在本页中。请选择保留哪个版本：", "So as not to overwrite its changes, this tab has stopped saving; this tab's changes are still here. Choose which version to keep:";
    ReloadTheirs => "载入对方的版本", "Reload theirs";
    ReloadTheirsHint => "换成另一个标签页保存的内容（可撤销，找回本页的版本）", "Take what the other tab saved (undo brings this tab's version back)";
    KeepMine => "保留本页的版本", "Keep this one";
    KeepMineHint => "对方的版本保持不变，本页改过的方案另存为副本", "The other tab's version stays; this tab's changed scenarios are saved as copies";
    CopySuffix => "（本标签页）", " (this tab)";
    TookTheirs => "已载入另一个标签页的版本", "Loaded the other tab's version";
    KeptBoth => "已保留两个版本：本页改过的方案另存为副本", "Both versions kept: this tab's changed scenarios were saved as copies";
    Full => "浏览器存储空间已满，最近的修改未能保存", "The browser's storage is full: the latest changes could not be saved";
    Unavailable => "浏览器不允许本页使用存储（可能是隐私设置），修改未能保存", "The browser does not let this page use storage (privacy settings?): the changes could not be saved";
    Refused => "浏览器拒绝了保存", "The browser refused to save";
    ReadBack => "保存后读回的内容与写入的不一致，修改可能未保存", "What was read back after saving differs from what was written: the changes may not be saved";
    KeptInMemory => "修改仍保留在本页中，请勿关闭本页。一有空间就会自动保存（每隔几秒重试一次）；也可以立即导出为文件，或在「存储」页删除不需要的备份以腾出空间。", "Your changes are kept in this page: do not close it. They are saved by themselves as soon as there is room (retried every few seconds); you can also export them now, or free space on the Storage page by deleting backups you no longer need.";
    ExportNow => "立即导出", "Export now";
    RetryNow => "立即重试", "Retry now";
    DownloadBackup => "下载", "Download";
    ManageStorage => "管理存储", "Manage storage";
    NavStorage => "存储", "Storage";
    Title => "浏览器存储", "Browser storage";
    Intro => "pbcalc 的数据只保存在本浏览器中，不会上传。下面是它保存的全部内容；备份是以前无法读取的数据，可下载后删除以腾出空间。", "pbcalc keeps its data in this browser only; nothing is uploaded. Below is everything it keeps; backups are data that could not be read, which you can download and then delete to free space.";
    Key => "键", "Key";
    Size => "大小", "Size";
    Contents => "内容", "Contents";
    Actions => "操作", "Actions";
    IsDocument => "当前文档（全部方案与语言）", "The document (all scenarios and the language)";
    IsBackup => "无法读取的旧数据的备份", "Backup of data that could not be read";
    IsOther => "其他 pbcalc 数据", "Other pbcalc data";
    Delete => "删除", "Delete";
    ConfirmDelete => "确定删除？删除后无法恢复。", "Delete it? This cannot be undone.";
    YesDelete => "确定删除", "Yes, delete";
    Cancel => "取消", "Cancel";
    Deleted => "已删除", "Deleted";
    InUse => "正在使用，不能删除", "In use, cannot be deleted";
    Total => "合计", "Total";
    Nothing => "本浏览器中没有 pbcalc 的数据。", "pbcalc keeps nothing in this browser.";
    Offline => "首次访问后，本应用可离线使用，也可安装到桌面。", "After the first visit the app works offline and can be installed.";
}
