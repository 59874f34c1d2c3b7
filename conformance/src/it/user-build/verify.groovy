// Checks the Surefire XML of both builds in invoker.properties: every case is a testcase named by its id and
// description, in a test set per section; the INFORMATIONAL cases are skipped in the first build and failed in
// the second; nothing else is anything but passed. Java's DOM parser: no Groovy module beyond the core.
import javax.xml.parsers.DocumentBuilderFactory

def informational = ['7.1.6', '7.13.1', '7.13.2'] as Set

def testcases = { String folder ->
    def dir = new File(basedir, "target/" + folder)
    def files = dir.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
    assert files*.name.toSet() == ['TEST-com.example.chat.ConformanceTest.xml', 'TEST-0 Opening Handshake.xml',
            'TEST-0 Masking.xml', 'TEST-1 Framing.xml', 'TEST-2 Pings_Pongs.xml', 'TEST-7 Close Handling.xml'] as Set : "files in $dir: ${files*.name}"
    def cases = []
    files.each { file ->
        def nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getElementsByTagName('testcase')
        (0..<nodes.length).each { i ->
            def node = nodes.item(i)
            def outcome = ['failure', 'error', 'skipped'].find { node.getElementsByTagName(it).length > 0 } ?: 'passed'
            def message = outcome == 'passed' ? '' : node.getElementsByTagName(outcome).item(0).textContent
            cases << [name: node.getAttribute('name'), classname: node.getAttribute('classname'), outcome: outcome, message: message]
        }
    }
    cases
}

[['surefire-reports', 'skipped'], ['strict-reports', 'failure']].each { folder, informationalOutcome ->
    def cases = testcases(folder)
    assert cases.size() > 40 : "$folder: only ${cases.size()} testcases"
    cases.each { c ->
        // "7.1.6 Send a 256 KiB text message, ...", in the test set "7 Close Handling"; never "conformance()[4][2]"
        assert c.name ==~ /\d+(\.\d+)+ \S.{10,}/ : "$folder: a testcase not named by case id and description: $c.name"
        def id = c.name.split(' ')[0]
        assert c.classname.startsWith(id.split('\\.')[0] + ' ') : "$folder: $c.name in test set $c.classname"
        if (id in informational) {
            assert c.outcome == informationalOutcome && c.message.contains('INFORMATIONAL: ') : "$folder: $c"
        } else {
            assert c.outcome == 'passed' : "$folder: $c.name was $c.outcome: $c.message"
        }
    }
    assert cases.collect { it.name.split(' ')[0] }.findAll { it in informational }.toSet() == informational
    println "verify: $folder: ${cases.size()} testcases named by case id and description; 7.1.6, 7.13.1, 7.13.2 $informationalOutcome"
}
return true
