import java.io.File;
import java.util.HashMap;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;
import org.omegat.util.ProjectFileStorage;

/**
 * Interop helper for 40-omegat.sh (run with `java -cp OmegaT.jar OmegatGlossaryCount.java`).
 * Loads a glossary with OmegaT's own readers; prints the entry count, entries on stderr. */
public class OmegatGlossaryCount {
    public static void main(String[] args) throws Exception {
        File f = new File(args[1]);
        List<GlossaryEntry> entries;
        if (args[0].equals("tbx")) {
            // OmegaT's TBX reader picks languages from the open project.
            Core.initializeConsole(new HashMap<String, String>());
            ProjectProperties props = ProjectFileStorage.loadProjectProperties(new File(args[2]));
            Core.setProject(new org.omegat.core.data.RealProject(props));
            entries = GlossaryReaderTBX.read(f, false);
        } else {
            entries = GlossaryReaderTSV.read(f, false);
        }
        System.out.println(entries.size());
        for (GlossaryEntry e : entries) {
            System.err.println(e.getSrcText() + "\t" + e.getLocText());
        }
        System.exit(0);
    }
}
